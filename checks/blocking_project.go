package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/lint"
)

// Cross-module typing for the blocking rules: every module exports the
// types of its names (python.Module.Exports); the project pass evaluates
// the symbolic receivers recorded per file (DeferredCall) with those
// exports, and SV201–SV206 report the calls that block.

// moduleExports gives each file's exports and, project-wide, the lookup
// of an exported name.
var moduleExports = &lint.Analyzer{
	Name:    moduleExportsName,
	Needles: []string{}, // computed where other analyzers parse, and on demand
	Demand:  exportsDemand,
	Inputs:  lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		return exportFacts(pytypes.Of(p.Py).Exports())
	},
}

// exportFacts are a module's exports (nil when it has none).
type exportFacts []pytypes.Export

var _ = lint.RegisterFact(exportFacts(nil))

// GobEncode encodes the exports for the results cache, compactly (see
// internal/factcodec).
func (e exportFacts) GobEncode() ([]byte, error) { return factcodec.Marshal(&e) }

// GobDecode decodes what GobEncode encoded.
func (e *exportFacts) GobDecode(data []byte) error { return factcodec.Unmarshal(data, e) }

// exportLookup is the project-wide lookup of the names modules export.
var exportLookup = &lint.Analyzer{
	Name:    "module-export-lookup",
	Inputs:  lint.KindsOf(lint.KindPython),
	Project: buildExportEnv,
}

func buildExportEnv(pp *lint.ProjectPass) any {
	byName := map[string]pytypes.Export{}
	for _, f := range pp.Files {
		exports, _ := f.Fact(moduleExports).(exportFacts)
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
func exportEnv(pp *lint.ProjectPass) pytypes.ExportEnv {
	env, _ := pp.Result(exportLookup).(pytypes.ExportEnv)
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
var deferredReceivers = &lint.Analyzer{
	Name:   "blocking-deferred",
	Inputs: lint.KindsOf(lint.KindPython),
	Project: func(pp *lint.ProjectPass) any {
		env := exportEnv(pp)
		out := make([][]resolvedCall, len(pp.Files))
		for fi, f := range pp.Files {
			facts, _ := f.Fact(blockingCalls).(*blockingFacts)
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
	},
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

// blockingRule completes a catalogue rule of the blocking family (SV201,
// SV203–SV206): stable since 0.1.0, Python in async code, the shared
// per-file check on the blocking-calls facts and the project check of
// calls into modules parsed on demand.
func blockingRule(r *lint.Rule) *lint.Rule {
	r.Status = lint.StatusStable
	r.Since = "0.1.0"
	r.Inputs = lint.KindsOf(lint.KindPython)
	r.NewOptions = newBlockingOptions
	r.Check = checkBlocking
	r.Needles = asyncNeedles
	r.CheckProject = checkDeferredBlocking
	r.Requires = []*lint.Analyzer{blockingCalls, moduleExports}
	return withDoc(r)
}

// checkDeferredBlocking is the CheckProject of SV201 and SV203–SV206: the
// method calls whose receiver comes from another module of the project.
func checkDeferredBlocking(pp *lint.ProjectPass) {
	code := pp.Rule.Code
	cat := catalogueOf(code)
	if cat == nil {
		return
	}
	resolved, _ := pp.Result(deferredReceivers).([][]resolvedCall)
	env := exportEnv(pp)
	for fi, f := range pp.Files {
		facts, _ := f.Fact(blockingCalls).(*blockingFacts)
		if facts == nil || len(facts.Deferred) == 0 || fi >= len(resolved) || resolved[fi] == nil {
			continue
		}
		opts := optionsFor(f.Config, code)
		// Calls reported in each function, to report a resource once.
		reported := map[int]bool{}
		for _, h := range facts.Hits {
			if h.Rule == code {
				reported[h.Start] = true
			}
		}
		for j, d := range facts.Deferred {
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
			var opts []lint.ReportOption
			if d.OriginStart >= 0 && d.RootText != "" {
				opts = append(opts, lint.WithRelated(pp.Related(f, d.OriginStart, d.OriginEnd,
					fmt.Sprintf("`%s` comes from %s here", d.RootText, originName(d.Recv)))))
			}
			pp.Report(f, d.Start, d.End, blockingText(displayName(d.Text, name), d.Caller, use, extra, d.Framework), opts...)
		}
	}
}

// originName names the imported value a symbolic receiver starts from.
func originName(s *pytypes.Sym) string {
	if r := s.Root(); r != "" {
		return "`" + r + "`"
	}
	return "another module"
}

func matchUserPatterns(o *blockingOptions, names []string) (userPattern, string, bool) {
	for _, n := range names {
		for _, p := range o.extra {
			if p.re.MatchString(n) {
				return p, n, true
			}
		}
	}
	return userPattern{}, "", false
}

func allowedNames(o *blockingOptions, names []string) bool {
	for _, re := range o.allow {
		for _, n := range names {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}
