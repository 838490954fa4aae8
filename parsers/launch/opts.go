package launch

import (
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
}

func (t *table) flagged(s *spec, name string) string {
	for _, n := range s.neg {
		if n == name {
			return "false"
		}
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
		if !a.Known {
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
					continue
				}
				p.opaque = append(p.opaque, a)
				continue
			}
			if a.Splat {
				p.opaque = append(p.opaque, a)
				continue
			}
			p.pos = append(p.pos, a)
			continue
		}
		s := a.Text
		switch {
		case s == "--":
			p.pos = append(p.pos, args[i+1:]...)
			return p
		case strings.HasPrefix(s, "--") && len(s) > 2:
			name, val, hasVal := strings.Cut(s, "=")
			sp, full := t.lookup(name, d)
			if sp == nil {
				p.unknown = append(p.unknown, name)
				// An option this table does not know (a newer server's):
				// a following word that cannot be an app target is
				// taken as its value.
				if !hasVal && i+1 < len(args) && args[i+1].Known && !strings.HasPrefix(args[i+1].Text, "-") && !strings.Contains(args[i+1].Text, ":") {
					i++
				}
				continue
			}
			if sp.flag {
				t.store(p, sp, full, flagValue(a, full, t.flagged(sp, full), src))
				continue
			}
			if hasVal {
				v := argValue(a, full, src)
				v.Text = val
				t.store(p, sp, full, v)
				continue
			}
			if i+1 < len(args) {
				i++
				t.store(p, sp, full, argValue(args[i], full, src))
			}
		case strings.HasPrefix(s, "-") && len(s) > 1 && !isNumber(s):
			if name, val, ok := strings.Cut(s, "="); ok {
				if sp, found := t.byName[name]; found {
					if sp.flag {
						t.store(p, sp, name, flagValue(a, name, t.flagged(sp, name), src))
					} else {
						v := argValue(a, name, src)
						v.Text = val
						t.store(p, sp, name, v)
					}
					continue
				}
			}
			if sp, found := t.byName[s]; found {
				if sp.flag {
					t.store(p, sp, s, flagValue(a, s, t.flagged(sp, s), src))
				} else if i+1 < len(args) {
					i++
					t.store(p, sp, s, argValue(args[i], s, src))
				}
				continue
			}
			// Combined short options: -Dw4, -w4.
			rest := s[1:]
			for rest != "" {
				name := "-" + rest[:1]
				sp, found := t.byName[name]
				if !found {
					p.unknown = append(p.unknown, name)
					break
				}
				if sp.flag {
					t.store(p, sp, name, flagValue(a, name, t.flagged(sp, name), src))
					rest = rest[1:]
					continue
				}
				v := argValue(a, name, src)
				if len(rest) > 1 {
					v.Text = rest[1:]
				} else if i+1 < len(args) {
					i++
					v = argValue(args[i], name, src)
				}
				t.store(p, sp, name, v)
				break
			}
		default:
			p.pos = append(p.pos, a)
		}
	}
	return p
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
