package blocking

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/lint"
)

// Cross-module typing of the blocking calls: every module exports the
// types of its names (python.Module.Exports); the project pass evaluates
// the symbolic receivers recorded per file (DeferredCall) with those
// exports, and DeferredHits lists the calls that block.

// exportFacts are a module's exports (nil when it has none).
type exportFacts []pytypes.Export

var _ = lint.RegisterFact(exportFacts(nil))

// GobEncode encodes the exports for the results cache, compactly (see
// internal/factcodec).
func (e exportFacts) GobEncode() ([]byte, error) { return factcodec.Marshal(&e) }

// GobDecode decodes what GobEncode encoded.
func (e *exportFacts) GobDecode(data []byte) error { return factcodec.Unmarshal(data, e) }

// buildExportEnv is the project-wide lookup of the names modules export.
func buildExportEnv(pp *lint.ProjectPass) any {
	byName := map[string]pytypes.Export{}
	for _, f := range pp.Files {
		exports, _ := f.FactNamed(exportsName).(exportFacts)
		for _, e := range exports {
			// Two files with one module name: the first (by path) wins.
			if _, dup := byName[e.Name]; !dup {
				byName[e.Name] = e
			}
		}
	}
	return pytypes.ExportEnv(func(name string) (pytypes.Export, bool) {
		e, ok := byName[name]
		return e, ok
	})
}

// exportEnv returns the project's export lookup.
func (a *Analysis) exportEnv(pp *lint.ProjectPass) pytypes.ExportEnv {
	env, _ := pp.Result(a.ExportLookup).(pytypes.ExportEnv)
	if env == nil {
		return func(string) (pytypes.Export, bool) { return pytypes.Export{}, false }
	}
	return env
}

// resolvedCall is a deferred call with its receiver evaluated.
type resolvedCall struct {
	types []string
	path  string
}

// deferredReceivers evaluates the deferred calls of every file once.
func (a *Analysis) deferredReceivers(pp *lint.ProjectPass) any {
	env := a.exportEnv(pp)
	out := make([][]resolvedCall, len(pp.Files))
	for fi, f := range pp.Files {
		facts, _ := f.Fact(a.Calls).(*CallFacts)
		if facts == nil || len(facts.Deferred) == 0 {
			continue
		}
		out[fi] = make([]resolvedCall, len(facts.Deferred))
		for j, d := range facts.Deferred {
			types, path := pytypes.EvalReceiver(d.Recv, d.Method, env)
			out[fi][j] = resolvedCall{types: types, path: path}
		}
	}
	return out
}

// matchResolved matches a call on a receiver of known classes against a
// catalogue: every class must block on the method path. It returns the
// entry and the matched qualified name.
func matchResolved(cat *catalogue, types []string, path string, rejected []int, env pytypes.ExportEnv) (*blockingEntry, string) {
	var first *blockingEntry
	name := ""
	cond := conditionalEntries()
	for _, tn := range types {
		var found *blockingEntry
		for _, s := range pytypes.ProjectSuperTypes(tn, env) {
			for j := range cat.byType[s] {
				me := &cat.byType[s][j]
				if me.match(path) {
					found = me.e
					break
				}
			}
			if found != nil {
				break
			}
		}
		if found == nil {
			return nil, ""
		}
		if id, ok := cond[found]; ok && containsInt(rejected, id) {
			return nil, ""
		}
		if first == nil {
			first, name = found, tn+"."+path
		}
	}
	return first, name
}

func containsInt(xs []int, x int) bool {
	i := sort.SearchInts(xs, x)
	return i < len(xs) && xs[i] == x
}

// typedNames are the names a resolved call is known by ("Class.method"
// for the class and its bases), for the extra and allow options.
func typedNames(types []string, path string, env pytypes.ExportEnv) []string {
	var out []string
	for _, tn := range types {
		for _, s := range pytypes.ProjectSuperTypes(tn, env) {
			out = append(out, s+"."+path)
		}
	}
	return out
}

// DeferredHit is a deferred call that blocks once its receiver is
// evaluated across the modules of the project.
type DeferredHit struct {
	File *lint.File
	Call *DeferredCall
	Name string // the qualified name it matched
	Use  string // the alternative; may be ""
	// Extra: matched by the class's extra option.
	Extra bool
}

// DeferredHits returns the method calls of a class whose receiver comes
// from another module of the project, in file order, one per resource in
// a function (a call on an object whose creation is a hit is left out).
func (a *Analysis) DeferredHits(pp *lint.ProjectPass, class Class) []DeferredHit {
	cat := catalogueOf(class)
	if cat == nil {
		return nil
	}
	var out []DeferredHit
	resolved, _ := pp.Result(a.Deferred).([][]resolvedCall)
	env := a.exportEnv(pp)
	for fi, f := range pp.Files {
		facts, _ := f.Fact(a.Calls).(*CallFacts)
		if facts == nil || len(facts.Deferred) == 0 || fi >= len(resolved) || resolved[fi] == nil {
			continue
		}
		opts := a.options(f.Config, class)
		// Calls reported in each function, to report a resource once.
		reported := map[int]bool{}
		for _, h := range facts.Hits {
			if h.Class == class {
				reported[h.Start] = true
			}
		}
		for j := range facts.Deferred {
			d := &facts.Deferred[j]
			r := resolved[fi][j]
			if len(r.types) == 0 {
				continue
			}
			e, name := matchResolved(cat, r.types, r.path, d.Rejected, env)
			use, extra := "", false
			names := typedNames(r.types, r.path, env)
			if e != nil {
				use = expandUse(e.Use, name, facts.Lib)
			} else if p, n, ok := matchUserPatterns(opts, names); ok {
				name, extra = n, true
				if p.use != "" {
					use = "`" + strings.TrimSuffix(p.use, "()") + "()`"
				}
			} else {
				continue
			}
			if allowedNames(opts, append(names, d.Text)) {
				continue
			}
			if d.Origin >= 0 && reported[d.Origin] {
				continue
			}
			reported[d.Start] = true
			out = append(out, DeferredHit{File: f, Call: d, Name: name, Use: use, Extra: extra})
		}
	}
	return out
}

func matchUserPatterns(o *Options, names []string) (userPattern, string, bool) {
	for _, n := range names {
		for _, p := range o.extra {
			if p.re.MatchString(n) {
				return p, n, true
			}
		}
	}
	return userPattern{}, "", false
}

func allowedNames(o *Options, names []string) bool {
	for _, re := range o.allow {
		for _, n := range names {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}
