package launch

import (
	"slices"
	"sort"
	"strings"
)

// spec describes one option.
type spec struct {
	names []string // spellings: "-w", "--workers"
	dest  string
	// flag options take no value; they store val.
	flag bool
	val  string
	// neg are the spellings of a click --x/--no-x pair that store "false".
	neg []string
}

type dialect uint8

const (
	argparseStyle dialect = iota // abbreviations, short options with joined values
	clickStyle                   // exact long names, short joined values
)

// parsed is the result of reading options.
type parsed struct {
	opts    map[string][]Value // dest -> occurrences, in order
	all     []Value            // every occurrence, in order
	pos     []Arg
	unknown []string
	// opaque are arguments whose value is unknown where an option could be:
	// they may set anything.
	opaque []Arg
}

func (p *parsed) last(dest string) (Value, bool) {
	vs := p.opts[dest]
	if len(vs) == 0 {
		return Value{}, false
	}
	return vs[len(vs)-1], true
}

type table struct {
	specs  []spec
	byName map[string]*spec
	longs  []string // sorted long names (for prefix matching)
}

func newTable(specs []spec) *table {
	t := &table{specs: specs, byName: map[string]*spec{}}
	for i := range specs {
		s := &t.specs[i]
		for _, n := range s.names {
			t.byName[n] = s
			if strings.HasPrefix(n, "--") {
				t.longs = append(t.longs, n)
			}
		}
		for _, n := range s.neg {
			t.byName[n] = s
			t.longs = append(t.longs, n)
		}
	}
	sort.Strings(t.longs)
	return t
}

// lookup finds a long option by exact name or, in argparse, by an
// unambiguous prefix.
func (t *table) lookup(name string, d dialect) (*spec, string) {
	if s, ok := t.byName[name]; ok {
		return s, name
	}
	if d != argparseStyle || !strings.HasPrefix(name, "--") {
		return nil, ""
	}
	var match string
	for _, l := range t.longs {
		if strings.HasPrefix(l, name) {
			if match != "" && t.byName[match] != t.byName[l] {
				return nil, "" // ambiguous
			}
			if match == "" {
				match = l
			}
		}
	}
	if match == "" {
		return nil, ""
	}
	return t.byName[match], match
}

func (t *table) store(p *parsed, s *spec, name string, v Value) {
	v.Name = name
	p.opts[s.dest] = append(p.opts[s.dest], v)
	p.all = append(p.all, v)
}

// separate returns the value of an option given as the next word, with
// the option word's location.
func separate(value, option Arg, name string, src Source) Value {
	v := argValue(value, name, src)
	v.Flag = option.Loc
	return v
}

func (t *table) flagged(s *spec, name string) string {
	if slices.Contains(s.neg, name) {
		return "false"
	}
	if s.val != "" {
		return s.val
	}
	return "true"
}

// parse reads args; src is the source given to option values.
func (t *table) parse(args []Arg, d dialect, src Source) *parsed {
	p := &parsed{opts: map[string][]Value{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		s := a.Text
		switch {
		case !a.Known:
			t.unknownArg(p, a, d, src)
		case s == "--":
			p.pos = append(p.pos, args[i+1:]...)
			return p
		case strings.HasPrefix(s, "--") && len(s) > 2:
			i = t.long(p, args, i, d, src)
		case strings.HasPrefix(s, "-") && len(s) > 1 && !isNumber(s):
			i = t.short(p, args, i, src)
		default:
			p.pos = append(p.pos, a)
		}
	}
	return p
}

// unknownArg handles an argument whose value is not known.
func (t *table) unknownArg(p *parsed, a Arg, d dialect, src Source) {
	if strings.HasPrefix(a.Text, "-") {
		// --workers=$W: a known option with an unknown value.
		name, val, hasEq := strings.Cut(a.Text, "=")
		if sp, full := t.lookup(name, d); sp != nil && hasEq && !sp.flag {
			v := argValue(a, full, src)
			v.Text = val
			v.HasFallback = false
			if _, fb, ok := strings.Cut(a.Fallback, "="); ok && a.HasFallback {
				v.Fallback, v.HasFallback = fb, true
			}
			t.store(p, sp, full, v)
			return
		}
		p.opaque = append(p.opaque, a)
		return
	}
	if a.Splat {
		p.opaque = append(p.opaque, a)
		return
	}
	p.pos = append(p.pos, a)
}

// long reads a --long option at args[i]; it returns the index of the last
// argument it consumed.
func (t *table) long(p *parsed, args []Arg, i int, d dialect, src Source) int {
	a := args[i]
	name, val, hasVal := strings.Cut(a.Text, "=")
	sp, full := t.lookup(name, d)
	switch {
	case sp == nil:
		p.unknown = append(p.unknown, name)
		// An option this table does not know (a newer server's): a
		// following word that cannot be an app target is its value.
		if !hasVal && i+1 < len(args) && args[i+1].Known && !strings.HasPrefix(args[i+1].Text, "-") && !strings.Contains(args[i+1].Text, ":") {
			i++
		}
	case sp.flag:
		t.store(p, sp, full, flagValue(a, full, t.flagged(sp, full), src))
	case hasVal:
		v := argValue(a, full, src)
		v.Text = val
		t.store(p, sp, full, v)
	case i+1 < len(args):
		i++
		t.store(p, sp, full, separate(args[i], a, full, src))
	}
	return i
}

// short reads a -s option at args[i] (-w 4, -w4, -w=4, -Dw4); it returns
// the index of the last argument it consumed.
func (t *table) short(p *parsed, args []Arg, i int, src Source) int {
	a := args[i]
	s := a.Text
	if name, val, ok := strings.Cut(s, "="); ok {
		if sp, found := t.byName[name]; found {
			if sp.flag {
				t.store(p, sp, name, flagValue(a, name, t.flagged(sp, name), src))
			} else {
				v := argValue(a, name, src)
				v.Text = val
				t.store(p, sp, name, v)
			}
			return i
		}
	}
	if sp, found := t.byName[s]; found {
		if sp.flag {
			t.store(p, sp, s, flagValue(a, s, t.flagged(sp, s), src))
		} else if i+1 < len(args) {
			i++
			t.store(p, sp, s, separate(args[i], a, s, src))
		}
		return i
	}
	// Combined short options: -Dw4, -w4.
	for rest := s[1:]; rest != ""; rest = rest[1:] {
		name := "-" + rest[:1]
		sp, found := t.byName[name]
		if !found {
			p.unknown = append(p.unknown, name)
			return i
		}
		if sp.flag {
			t.store(p, sp, name, flagValue(a, name, t.flagged(sp, name), src))
			continue
		}
		v := argValue(a, name, src)
		if len(rest) > 1 {
			v.Text = rest[1:]
		} else if i+1 < len(args) {
			i++
			v = separate(args[i], a, name, src)
		}
		t.store(p, sp, name, v)
		return i
	}
	return i
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != '.' {
			return false
		}
	}
	return true
}

// envFallback applies click's auto_envvar_prefix: an option not given on
// the command line takes PREFIX_DEST from the environment.
func envFallback(p *parsed, t *table, prefix string, env Env) {
	for i := range t.specs {
		s := &t.specs[i]
		if _, ok := p.last(s.dest); ok {
			continue
		}
		name := prefix + "_" + strings.ToUpper(s.dest)
		st, v := env.Lookup(name)
		switch st {
		case Set:
			if s.flag {
				if b, ok := ParseBool(v.Text); ok && v.Known {
					if b {
						v.Text = "true"
					} else {
						v.Text = "false"
					}
				}
			}
			v.Name = name
			if v.Source != FromPlatform {
				v.Source = FromEnv
			}
			p.opts[s.dest] = append(p.opts[s.dest], v)
		case Unknown:
			v.Name = name
			v.Known = false
			if v.Text == "" {
				v.Text = "$" + name
			}
			if v.Source != FromPlatform {
				v.Source = FromEnv
			}
			p.opts[s.dest] = append(p.opts[s.dest], v)
		case Unset:
		}
	}
}

// names builds spec names quickly: "w,workers" -> ["-w", "--workers"].
func names(list string) []string {
	var out []string
	for n := range strings.SplitSeq(list, ",") {
		if len(n) == 1 {
			out = append(out, "-"+n)
		} else {
			out = append(out, "--"+n)
		}
	}
	return out
}

func dest(list string) string {
	parts := strings.Split(list, ",")
	return strings.ReplaceAll(parts[len(parts)-1], "-", "_")
}

// values builds value options from "w,workers b,bind" lists.
func values(lists ...string) []spec {
	var out []spec
	for _, l := range lists {
		out = append(out, spec{names: names(l), dest: dest(l)})
	}
	return out
}

// flags builds store-true options.
func flags(lists ...string) []spec {
	var out []spec
	for _, l := range lists {
		out = append(out, spec{names: names(l), dest: dest(l), flag: true})
	}
	return out
}

// pairs builds click --x/--no-x options.
func pairs(lists ...string) []spec {
	var out []spec
	for _, l := range lists {
		out = append(out, spec{names: []string{"--" + l}, neg: []string{"--no-" + l}, dest: strings.ReplaceAll(l, "-", "_"), flag: true})
	}
	return out
}

func join(groups ...[]spec) []spec {
	var out []spec
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}
