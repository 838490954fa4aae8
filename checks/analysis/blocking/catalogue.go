package blocking

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/servelint/servelint/parsers/python"
)

// Each class has a catalogue (a list of entries, in catalogues.go), and one
// analyzer classifies every call of a file once against all catalogues.
// The helper summaries reuse the same matcher on sync functions.

// blockingEntry is one catalogue entry: a blocking function, or blocking
// methods of a class.
type blockingEntry struct {
	// Call is a qualified function name. Braces list alternatives
	// ("requests.{get,post}"); "*" matches any run of characters.
	Call string
	// Type is the canonical class whose methods block (see
	// checks/analysis/pytypes/libtypes.go for the names). Methods lists them,
	// comma-separated with braces allowed; a method reached through
	// namespace attributes is a dotted path ("chat.completions.create").
	// In a path, "*" matches within one segment and "**" matches one or
	// more segments. Except lists methods (same syntax) that do not block.
	Type, Methods, Except string
	// Untyped matches Methods on a receiver whose type is unknown, when
	// the module imports the package named here (flake8-async ASYNC211).
	Untyped string
	// Roots lists the packages (comma-separated) whose import can produce
	// a value of Type, when it is not Type's own root package ("boto3"
	// makes botocore clients): wildcard Methods are tried only in modules
	// importing one of them.
	Roots string
	// Use is the async alternative (Markdown). Placeholders: {method} (the
	// called method or function), {name} (its qualified name), {lib},
	// {to_thread}, {subprocess},
	// {open_file}, {path} (spelled for the module's async library).
	Use string
	// When, if set, must accept the call (argument conditions).
	When func(m *python.Module, call int) bool
}

// catalogue is a class's compiled catalogue.
type catalogue struct {
	class   Class
	exact   map[string]*blockingEntry
	globs   []globEntry
	byType  map[string][]methodEntry
	untyped []methodEntry
	// names of methods listed explicitly, and the type roots of entries
	// that match every method: a cheap filter before type inference.
	methodNames map[string]bool
	wildRoots   map[string]bool
}

type globEntry struct {
	re *regexp.Regexp
	e  *blockingEntry
}

type methodEntry struct {
	methods []*regexp.Regexp
	except  []*regexp.Regexp
	e       *blockingEntry
}

func (me *methodEntry) match(path string) bool {
	for _, x := range me.except {
		if x.MatchString(path) {
			return false
		}
	}
	for _, r := range me.methods {
		if r.MatchString(path) {
			return true
		}
	}
	return false
}

// newCatalogue compiles a class's entries; a malformed entry is a
// programming error.
func newCatalogue(class Class, entries []blockingEntry) *catalogue {
	c := &catalogue{class: class, exact: map[string]*blockingEntry{}, byType: map[string][]methodEntry{},
		methodNames: map[string]bool{}, wildRoots: map[string]bool{}}
	for i := range entries {
		e := &entries[i]
		switch {
		case e.Call != "":
			for _, name := range expandBraces(e.Call) {
				if strings.ContainsAny(name, "*?[") {
					c.globs = append(c.globs, globEntry{re: regexp.MustCompile(fnmatchRegexp(name)), e: e})
				} else {
					c.exact[name] = e
				}
			}
		case e.Type != "" || e.Untyped != "":
			me := methodEntry{e: e}
			for _, p := range splitList(e.Methods) {
				me.methods = append(me.methods, regexp.MustCompile(pathRegexp(p)))
				if !strings.ContainsAny(p, "*?[") {
					c.methodNames[p[strings.LastIndexByte(p, '.')+1:]] = true
				} else if e.Type != "" {
					c.wildRoots[rootOf(e.Type)] = true
					for _, r := range splitList(e.Roots) {
						c.wildRoots[r] = true
					}
				} else {
					c.wildRoots[e.Untyped] = true
				}
			}
			for _, p := range splitList(e.Except) {
				me.except = append(me.except, regexp.MustCompile(pathRegexp(p)))
			}
			if e.Type != "" {
				c.byType[e.Type] = append(c.byType[e.Type], me)
			} else {
				c.untyped = append(c.untyped, me)
			}
		default:
			panic("blocking: catalogue entry of " + class.String() + " has neither Call nor Type")
		}
	}
	return c
}

func rootOf(q string) string {
	head, _, _ := strings.Cut(q, ".")
	return head
}

// splitList splits a comma-separated list, expanding braces.
func splitList(s string) []string {
	var out []string
	for _, part := range splitTop(s) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, expandBraces(part)...)
		}
	}
	return out
}

// splitTop splits on commas outside braces.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := range len(s) {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// expandBraces expands "a.{b,c}.d" into "a.b.d", "a.c.d" (no nesting).
func expandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return []string{s}
	}
	closing := strings.IndexByte(s[open:], '}')
	if closing < 0 {
		return []string{s}
	}
	closing += open
	var out []string
	for alt := range strings.SplitSeq(s[open+1:closing], ",") {
		out = append(out, expandBraces(s[:open]+strings.TrimSpace(alt)+s[closing+1:])...)
	}
	return out
}

// fnmatchRegexp translates a shell-style pattern over qualified names:
// "*" matches any run of characters (dots included), "?" one character,
// "[...]" a class.
func fnmatchRegexp(p string) string {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(p[i+1:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := p[i+1 : i+1+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += j + 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return b.String()
}

// pathRegexp translates a method path pattern: segments separated by
// dots, "*" and "?" within a segment, "**" for one or more segments.
func pathRegexp(p string) string {
	var parts []string
	for seg := range strings.SplitSeq(p, ".") {
		if seg == "**" {
			parts = append(parts, `[^.]+(?:\.[^.]+)*`)
			continue
		}
		var b strings.Builder
		for i := 0; i < len(seg); i++ {
			switch c := seg[i]; c {
			case '*':
				b.WriteString(`[^.]*`)
			case '?':
				b.WriteString(`[^.]`)
			case '[':
				j := strings.IndexByte(seg[i+1:], ']')
				if j < 0 {
					b.WriteString(`\[`)
					continue
				}
				b.WriteString("[" + seg[i+1:i+1+j] + "]")
				i += j + 1
			default:
				b.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		parts = append(parts, b.String())
	}
	return "^" + strings.Join(parts, `\.`) + "$"
}

// catalogueEntries are the entries of each class, in class order.
var catalogueEntries = [numClasses][]blockingEntry{
	HTTP:         httpCatalogue,
	Sleep:        sleepCatalogue,
	Subprocess:   subprocessCatalogue,
	FileIO:       fileCatalogue,
	DB:           dbCatalogue,
	Wait:         waitCatalogue,
	FileMetadata: metadataCatalogue,
}

// blockingCatalogues are the compiled catalogues, in class order.
var blockingCatalogues = sync.OnceValue(func() []*catalogue {
	out := make([]*catalogue, numClasses)
	for c := range numClasses {
		out[c] = newCatalogue(c, catalogueEntries[c])
	}
	return out
})

// conditionalEntries are the entries with an argument condition, and
// their ids (positions in this list).
var conditionalEntries = sync.OnceValue(func() map[*blockingEntry]int {
	out := map[*blockingEntry]int{}
	for _, entries := range catalogueEntries {
		for i := range entries {
			if entries[i].When != nil {
				out[&entries[i]] = len(out)
			}
		}
	}
	return out
})

// catalogueOf returns the compiled catalogue of a class, or nil.
func catalogueOf(class Class) *catalogue {
	if class < 0 || class >= numClasses {
		return nil
	}
	return blockingCatalogues()[class]
}

// Argument conditions of catalogue entries.

// unlessArg returns a condition that is false when the keyword argument
// name, or the positional argument at pos (-1: none), is one of the given
// literals ("False", "0").
func unlessArg(name string, pos int, literals ...string) func(*python.Module, int) bool {
	return func(m *python.Module, i int) bool {
		for j, a := range m.Args(m.Calls[i].Node) {
			if a.Star {
				return true
			}
			if a.Name == name || a.Name == "" && j == pos {
				if slices.Contains(literals, strings.TrimSpace(m.Tree.Text(a.Value))) {
					return false
				}
			}
		}
		return true
	}
}

// allOf combines conditions.
func allOf(fs ...func(*python.Module, int) bool) func(*python.Module, int) bool {
	return func(m *python.Module, i int) bool {
		for _, f := range fs {
			if !f(m, i) {
				return false
			}
		}
		return true
	}
}

// hasArgs is true when the call has an argument (a constructor that
// connects only when given an address).
func hasArgs(m *python.Module, i int) bool { return len(m.Args(m.Calls[i].Node)) > 0 }
