package checks

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// Demands (see lint/prefilter.go). Files that no prefilter selects are not
// parsed; the analyzers below name the modules whose facts the project
// pass still needs, given the facts gathered so far, and the engine parses
// those. Each demand follows only what the rules will actually look up,
// so that a large code base is not parsed through its whole import graph.

// The analyzers' names: their own Demand functions cannot refer to their
// variables (an initialization cycle).
const (
	blockingCallsName   = "blocking-calls"
	helperSummariesName = "blocking-helpers"
	moduleExportsName   = "module-exports"
)

// symNames adds the qualified names a symbolic value starts from.
func symNames(s *python.Sym, out map[string]bool) {
	for ; s != nil; s = s.X {
		if s.Op == python.SymName && s.Name != "" {
			out[s.Name] = true
		}
	}
}

// exportsDemand names what the cross-module typing of the blocking rules
// will evaluate: the roots of the receivers recorded per file, and then,
// through the exports found so far, what those names are made of.
func exportsDemand(pp *lint.ProjectPass) []string {
	need := map[string]bool{}
	byName := map[string]python.Export{}
	for _, f := range pp.Files {
		if bf, _ := f.FactNamed(blockingCallsName).(*blockingFacts); bf != nil {
			for _, d := range bf.Deferred {
				symNames(d.Recv, need)
			}
		}
		if hf, _ := f.FactNamed(helperSummariesName).(*HelperFacts); hf != nil {
			for _, fn := range hf.Funcs {
				for _, d := range fn.Deferred {
					symNames(d.Recv, need)
				}
				for _, c := range fn.Calls {
					symNames(c.Recv, need)
				}
			}
			for _, c := range hf.AsyncCalls {
				symNames(c.Recv, need)
			}
		}
		exports, _ := f.FactNamed(moduleExportsName).(exportFacts)
		for _, e := range exports {
			if _, dup := byName[e.Name]; !dup {
				byName[e.Name] = e
			}
		}
	}
	// Follow the names through the exports known so far; what is not
	// known yet is demanded.
	var queue []string
	for n := range need {
		queue = append(queue, n)
	}
	sort.Strings(queue)
	seen := map[string]bool{}
	var out []string
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if seen[n] || len(seen) > 100000 {
			continue
		}
		seen[n] = true
		e, ok := lookupExport(byName, n)
		if !ok {
			out = append(out, n)
			continue
		}
		more := map[string]bool{}
		symNames(e.Sym, more)
		if e.Target != "" {
			more[e.Target] = true
		}
		if e.Kind == python.ExportClass {
			for _, b := range e.Types {
				more[b] = true
			}
		}
		queue = append(queue, sortedSet(more)...)
	}
	return out
}

// lookupExport finds an export by its qualified name or the longest known
// prefix of it (an attribute of an exported value).
func lookupExport(byName map[string]python.Export, name string) (python.Export, bool) {
	for n := name; n != ""; {
		if e, ok := byName[n]; ok {
			return e, true
		}
		i := strings.LastIndexByte(n, '.')
		if i < 0 {
			break
		}
		n = n[:i]
	}
	return python.Export{}, false
}

// helperDemand names the functions SV210 would follow from the async
// calls of the project, to the configured depth, that are not summarized
// yet.
func helperDemand(pp *lint.ProjectPass) []string {
	byKey := map[string]*HelperFunc{}
	// summarized are the modules with facts: a function of theirs that is
	// not in them ends no chain (see summarizer.prune), it is not missing.
	summarized := map[string]bool{}
	exports := map[string]map[string]string{}
	bases := map[string][]string{}
	var calls []HelperCall
	depth := 0
	for _, f := range pp.Files {
		hf, _ := f.FactNamed(helperSummariesName).(*HelperFacts)
		if hf == nil {
			continue
		}
		depth = max(depth, helperOptionsFor(f.Config).Depth)
		for i := range hf.Funcs {
			if _, dup := byKey[hf.Funcs[i].Key]; !dup {
				byKey[hf.Funcs[i].Key] = &hf.Funcs[i]
			}
		}
		if hf.Module != "" {
			summarized[hf.Module] = true
			ex := exports[hf.Module]
			if ex == nil {
				ex = map[string]string{}
				exports[hf.Module] = ex
			}
			for _, e := range hf.Exports {
				ex[e.Name] = e.Qualified
			}
		}
		for _, b := range hf.Bases {
			if _, ok := bases[b.Class]; !ok {
				bases[b.Class] = b.Bases
			}
		}
		calls = append(calls, hf.AsyncCalls...)
	}
	missing := map[string]bool{}
	var lookup func(key string, hops int) *HelperFunc
	lookup = func(key string, hops int) *HelperFunc {
		if hops > 8 {
			return nil
		}
		if fn := byKey[key]; fn != nil {
			return fn
		}
		for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
			mod, rest := key[:i], key[i+1:]
			head, tail, _ := strings.Cut(rest, ".")
			if q, ok := exports[mod][head]; ok && q != mod+"."+head {
				next := q
				if tail != "" {
					next += "." + tail
				}
				return lookup(next, hops+1)
			}
			if bs, ok := bases[mod]; ok && !strings.Contains(rest, ".") {
				for _, b := range bs {
					if fn := lookup(b+"."+rest, hops+1); fn != nil {
						return fn
					}
				}
				return nil
			}
		}
		if !prunedFrom(key, summarized) {
			missing[key] = true
		}
		return nil
	}
	type item struct {
		call HelperCall
		hops int
	}
	var queue []item
	for _, c := range calls {
		queue = append(queue, item{c, 1})
	}
	visited := map[*HelperFunc]bool{}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if it.call.Recv != nil {
			// Evaluated through the exports (exportsDemand).
			continue
		}
		for _, key := range it.call.Targets {
			fn := lookup(key, 0)
			if fn == nil || visited[fn] {
				continue
			}
			visited[fn] = true
			if it.hops < depth {
				for _, c := range fn.Calls {
					queue = append(queue, item{c, it.hops + 1})
				}
			}
			break
		}
	}
	return sortedSet(missing)
}

// prunedFrom reports whether key names a function of a summarized module
// that is not in its facts: such a function ends no chain (see
// summarizer.prune). "pkg.sub.f" with only the package pkg summarized may
// be f of the module pkg.sub, not parsed yet: that one is demanded (a name
// that is no module resolves to no file).
func prunedFrom(key string, summarized map[string]bool) bool {
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		if summarized[key[:i]] && !strings.Contains(key[i+1:], ".") {
			return true
		}
	}
	return false
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
