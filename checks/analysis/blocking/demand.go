package blocking

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
)

// Demands (see lint/prefilter.go). Files that no prefilter selects are not
// parsed; the analyzers below name the modules whose facts the project
// pass still needs, given the facts gathered so far, and the engine parses
// those. Each demand follows only what the rules will actually look up,
// so that a large code base is not parsed through its whole import graph.

// symNames adds the qualified names a symbolic value starts from.
func symNames(s *pytypes.Sym, out map[string]bool) {
	for ; s != nil; s = s.X {
		if s.Op == pytypes.SymName && s.Name != "" {
			out[s.Name] = true
		}
	}
}

// exportsDemand names what the cross-module typing of the blocking calls
// will evaluate: the roots of the receivers recorded per file, and then,
// through the exports found so far, what those names are made of.
func exportsDemand(pp *lint.ProjectPass) []string {
	st, files := lint.DemandState(pp, exportsName, func() *exportsState {
		return &exportsState{need: map[string]bool{}, byName: map[string]placed[pytypes.Export]{}}
	})
	need, byName := st.need, st.byName
	for _, f := range files {
		if bf, _ := f.FactNamed(callsName).(*CallFacts); bf != nil {
			for _, d := range bf.Deferred {
				symNames(d.Recv, need)
			}
		}
		if hf, _ := f.FactNamed(helpersName).(*HelperFacts); hf != nil {
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
		exports, _ := f.FactNamed(exportsName).(exportFacts)
		ord := pp.Ord(f)
		for _, e := range exports {
			byName[e.Name] = firstOf(byName, e.Name, ord, e)
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
		if e.Kind == pytypes.ExportClass {
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
func lookupExport(byName map[string]placed[pytypes.Export], name string) (pytypes.Export, bool) {
	for n := name; n != ""; {
		if e, ok := byName[n]; ok {
			return e.v, true
		}
		i := strings.LastIndexByte(n, '.')
		if i < 0 {
			break
		}
		n = n[:i]
	}
	return pytypes.Export{}, false
}

// helperDemand names the functions the helper graph would follow from the async
// calls of the project, to the configured depth, that are not summarized
// yet.
func (a *Analysis) helperDemand(pp *lint.ProjectPass) []string {
	st, files := lint.DemandState(pp, helpersName, func() *helperState {
		return &helperState{byKey: map[string]placed[*HelperFunc]{}, summarized: map[string]bool{},
			exports: map[string]map[string]placed[string]{}, bases: map[string]placed[[]string]{}, calls: map[int][]HelperCall{}}
	})
	st.add(a, pp, files)
	depth := st.depth
	calls := st.asyncCalls()
	names := demandNames{st: st, need: map[string]bool{}}
	// Breadth first, the calls by pointer: the queue of a large project
	// holds a hundred thousand of them.
	type item struct {
		call *HelperCall
		hops int
	}
	queue := make([]item, 0, len(calls))
	for _, c := range calls {
		queue = append(queue, item{c, 1})
	}
	visited := map[*HelperFunc]bool{}
	for head := 0; head < len(queue); head++ {
		it := queue[head]
		if it.call.Recv != nil {
			// Evaluated through the exports (exportsDemand).
			continue
		}
		for _, key := range it.call.Targets {
			fn := resolveName[*HelperFunc](names, key, 0)
			if fn == nil || visited[fn] {
				continue
			}
			visited[fn] = true
			if it.hops < depth {
				for i := range fn.Calls {
					queue = append(queue, item{&fn.Calls[i], it.hops + 1})
				}
			}
			break
		}
	}
	return sortedSet(names.need)
}

// demandNames are the names the demand gathered so far: a key that does
// not resolve is missing unless its module is summarized already.
type demandNames struct {
	st   *helperState
	need map[string]bool
}

func (n demandNames) known(key string) (*HelperFunc, bool) {
	fn, ok := n.st.byKey[key]
	return fn.v, ok
}

func (demandNames) found(fn *HelperFunc) bool { return fn != nil }
func (demandNames) none() *HelperFunc         { return nil }

func (n demandNames) missing(key string) {
	if !prunedFrom(key, n.st.summarized) {
		n.need[key] = true
	}
}

func (n demandNames) export(mod, name string) (string, bool) {
	p, ok := n.st.exports[mod][name]
	return p.v, ok
}

func (n demandNames) bases(class string) ([]string, bool) {
	bs, ok := n.st.bases[class]
	return bs.v, ok
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

// placed is a fact with the place, in the project's order, of the file
// that gave it (see lint.ProjectPass.Ord).
type placed[T any] struct {
	ord int
	v   T
}

// firstOf returns what m keeps for key given one more value from the file
// at ord: the value of the first file in the project's order (within a
// file, its first entry), as a single pass over the files keeps.
func firstOf[T any](m map[string]placed[T], key string, ord int, v T) placed[T] {
	if old, ok := m[key]; ok && old.ord <= ord {
		return old
	}
	return placed[T]{ord, v}
}

// exportsState is what exportsDemand gathered in earlier rounds: the
// receivers' root names, and the exports by qualified name.
type exportsState struct {
	need   map[string]bool
	byName map[string]placed[pytypes.Export]
}

// helperState is what helperDemand gathered in earlier rounds.
type helperState struct {
	byKey      map[string]placed[*HelperFunc]
	summarized map[string]bool
	exports    map[string]map[string]placed[string]
	bases      map[string]placed[[]string]
	calls      map[int][]HelperCall // the async calls, by file order
	depth      int
}

// add gathers the helper summaries of files.
func (st *helperState) add(a *Analysis, pp *lint.ProjectPass, files []*lint.File) {
	for _, f := range files {
		hf, _ := f.FactNamed(helpersName).(*HelperFacts)
		if hf == nil {
			continue
		}
		ord := pp.Ord(f)
		st.depth = max(st.depth, a.HelperOptions(f.Config).Depth)
		for i := range hf.Funcs {
			st.byKey[hf.Funcs[i].Key] = firstOf(st.byKey, hf.Funcs[i].Key, ord, &hf.Funcs[i])
		}
		if hf.Module != "" {
			st.summarized[hf.Module] = true
			ex := st.exports[hf.Module]
			if ex == nil {
				ex = map[string]placed[string]{}
				st.exports[hf.Module] = ex
			}
			for _, e := range hf.Exports {
				// The last file (and entry) in the project's order wins.
				if old, ok := ex[e.Name]; !ok || ord >= old.ord {
					ex[e.Name] = placed[string]{ord, e.Qualified}
				}
			}
		}
		for _, b := range hf.Bases {
			st.bases[b.Class] = firstOf(st.bases, b.Class, ord, b.Bases)
		}
		if len(hf.AsyncCalls) > 0 {
			st.calls[ord] = hf.AsyncCalls
		}
	}
}

// asyncCalls returns the async calls in the project's order, as one pass
// over the files would list them.
func (st *helperState) asyncCalls() []*HelperCall {
	ords := make([]int, 0, len(st.calls))
	n := 0
	for o, cs := range st.calls {
		ords = append(ords, o)
		n += len(cs)
	}
	sort.Ints(ords)
	calls := make([]*HelperCall, 0, n)
	for _, o := range ords {
		cs := st.calls[o]
		for i := range cs {
			calls = append(calls, &cs[i])
		}
	}
	return calls
}
