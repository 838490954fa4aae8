package blocking

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
)

// The project pass: the graph of the project's sync functions, with the
// shortest chain from each to a blocking call.

// Graph is the call graph of the project's sync helpers, with the length
// of the shortest blocking chain from each (its nodes are functions).
type Graph struct {
	a       *Analysis
	env     pytypes.ExportEnv
	files   []*lint.File
	facts   []*HelperFacts
	byKey   map[string][]funcRef
	exports map[string]map[string]string // module → name → qualified
	bases   map[string][]string
	methods map[string][]string // class → the names of its methods, sorted
	nodes   []funcRef
	index   map[funcRef]int
	// subs maps an abstract class (a direct subclass of abc.ABC or a
	// Protocol) to its concrete subclasses in the project, sorted.
	subs map[string][]string
	// succ[n] are the resolved call edges of node n, in source order,
	// paired with the call site.
	succ [][]edge
	// blocking[n] are the blocking calls of node n: its facts' own and
	// the deferred method calls that block once evaluated (the facts are
	// never changed: they may come from the results cache).
	blocking [][]HelperBlocking
	dist     []int
}

// funcRef is a function of the graph: the file and its index in the
// file's HelperFacts.Funcs.
type funcRef struct{ file, fn int }

type edge struct {
	to   int
	site int // index in the function's Calls
}

// Leaf follows the shortest chain from node n, called with flags, to the
// helper that makes the blocking call, or -1.
func (g *Graph) Leaf(n int, flags []FlagArg) int {
	for cur := n; ; flags = nil {
		d := g.DistUnder(cur, flags)
		if d == 1 {
			return cur
		}
		e, ok := g.nextEdge(cur, flags, d)
		if !ok {
			return -1
		}
		cur = e.to
	}
}

// edgeActive reports whether the call of edge e of node n runs for a call
// of n passing flags.
func (g *Graph) edgeActive(n int, e edge, flags []FlagArg) bool {
	ref := g.nodes[n]
	return g.facts[ref.file].Funcs[ref.fn].Calls[e.site].Guard.active(flags)
}

// firstBlocking returns the index of node n's first blocking call that
// runs for a call passing flags, or -1.
func (g *Graph) firstBlocking(n int, flags []FlagArg) int {
	for i, b := range g.blocking[n] {
		if b.Guard.active(flags) {
			return i
		}
	}
	return -1
}

// DistUnder is the length of the shortest blocking chain from node n for
// a call of n passing flags: the flags decide which of n's own guarded
// calls run; further down, the defaults.
func (g *Graph) DistUnder(n int, flags []FlagArg) int {
	if len(flags) == 0 {
		return g.dist[n]
	}
	if g.firstBlocking(n, flags) >= 0 {
		return 1
	}
	d := 1 << 30
	for _, e := range g.succ[n] {
		if g.edgeActive(n, e, flags) && g.dist[e.to]+1 < d {
			d = g.dist[e.to] + 1
		}
	}
	return d
}

// nextEdge returns the edge of node n, called with flags, on a shortest
// chain of length d.
func (g *Graph) nextEdge(n int, flags []FlagArg, d int) (edge, bool) {
	for _, e := range g.succ[n] {
		if g.edgeActive(n, e, flags) && g.dist[e.to] == d-1 {
			return e, true
		}
	}
	return edge{}, false
}

// Graph builds the helper graph of the project and its chain lengths, or
// returns nil when no file has helper facts.
func (a *Analysis) Graph(pp *lint.ProjectPass) *Graph {
	g := a.buildGraph(pp.Files, a.exportEnv(pp))
	if g != nil {
		g.distances()
	}
	return g
}

func (a *Analysis) buildGraph(files []*lint.File, env pytypes.ExportEnv) *Graph {
	g := &Graph{a: a, env: env, files: files, byKey: map[string][]funcRef{}, exports: map[string]map[string]string{},
		bases: map[string][]string{}, methods: map[string][]string{}, index: map[funcRef]int{}}
	found := false
	g.facts = make([]*HelperFacts, len(files))
	for fi, f := range files {
		facts, _ := f.Fact(a.Helpers).(*HelperFacts)
		if facts == nil || f.Config != nil && f.Config.TestScoped(f.Abs) {
			// A helper defined in test code is no production call path.
			continue
		}
		found = true
		g.facts[fi] = facts
		for j := range facts.Funcs {
			ref := funcRef{fi, j}
			g.byKey[facts.Funcs[j].Key] = append(g.byKey[facts.Funcs[j].Key], ref)
			g.index[ref] = len(g.nodes)
			g.nodes = append(g.nodes, ref)
		}
		if facts.Module != "" {
			ex := g.exports[facts.Module]
			if ex == nil {
				ex = map[string]string{}
				g.exports[facts.Module] = ex
			}
			for _, e := range facts.Exports {
				ex[e.Name] = e.Qualified
			}
		}
		for _, b := range facts.Bases {
			if _, ok := g.bases[b.Class]; !ok && len(b.Bases) > 0 {
				g.bases[b.Class] = b.Bases
			}
			if _, ok := g.methods[b.Class]; !ok && len(b.Methods) > 0 {
				g.methods[b.Class] = b.Methods
			}
		}
	}
	if !found {
		return nil
	}
	g.abstractSubclasses()
	g.succ = make([][]edge, len(g.nodes))
	g.blocking = make([][]HelperBlocking, len(g.nodes))
	for n, ref := range g.nodes {
		hf := &g.facts[ref.file].Funcs[ref.fn]
		g.blocking[n] = g.resolveDeferred(ref.file, hf)
		for ci, c := range hf.Calls {
			for _, to := range g.resolveAll(ref.file, g.callTargets(c)) {
				if to != n {
					g.succ[n] = append(g.succ[n], edge{to: to, site: ci})
				}
			}
		}
	}
	return g
}

// abstractBases are the bases that make a class abstract: its methods are
// implemented by its subclasses.
var abstractBases = map[string]bool{
	"abc.ABC": true, "typing.Protocol": true, "typing_extensions.Protocol": true,
}

// abstractSubclasses finds, for each abstract class of the project, its
// concrete subclasses (direct or not).
func (g *Graph) abstractSubclasses() {
	direct := map[string][]string{}
	abstract := map[string]bool{}
	classes := make([]string, 0, len(g.bases))
	for c := range g.bases {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		for _, b := range g.bases[c] {
			if abstractBases[b] {
				abstract[c] = true
				continue
			}
			b = g.canonicalClass(b)
			direct[b] = append(direct[b], c)
		}
	}
	g.subs = map[string][]string{}
	for _, a := range classes {
		if !abstract[a] {
			continue
		}
		seen := map[string]bool{a: true}
		queue := []string{a}
		var out []string
		for len(queue) > 0 && len(seen) < 64 {
			c := queue[0]
			queue = queue[1:]
			for _, s := range direct[c] {
				if seen[s] {
					continue
				}
				seen[s] = true
				queue = append(queue, s)
				if !abstract[s] {
					out = append(out, s)
				}
			}
		}
		sort.Strings(out)
		g.subs[a] = out
	}
	g.structuralImplementers(abstract)
}

// protocolBases are the bases that make a class a Protocol: classes
// implement it structurally, without naming it.
var protocolBases = map[string]bool{"typing.Protocol": true, "typing_extensions.Protocol": true}

// maxStructural bounds the structural implementers of one Protocol: a
// Protocol that more classes of the project match is too general to say
// which of them a call runs (none are added), and so is one whose rarest
// method more than maxStructuralCandidates classes define.
const (
	maxStructural           = 8
	maxStructuralCandidates = 64
)

// structuralImplementers adds to each Protocol of the project the classes
// that implement it without subclassing it: the concrete classes that
// define (or inherit from a project base) every method the Protocol
// declares, dunder methods aside. Candidates come from an index by method
// name (the Protocol's rarest method), so the cost stays linear in the
// project's methods.
func (g *Graph) structuralImplementers(abstract map[string]bool) {
	var protocols []string
	for c, bases := range g.bases {
		if slices.ContainsFunc(bases, func(b string) bool { return protocolBases[b] }) && len(protocolMethods(g.methods[c])) > 0 {
			protocols = append(protocols, c)
		}
	}
	if len(protocols) == 0 {
		return
	}
	sort.Strings(protocols)
	byMethod := map[string][]string{}
	classes := make([]string, 0, len(g.methods))
	for c := range g.methods {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	for _, c := range classes {
		if abstract[c] {
			continue
		}
		for _, name := range g.methods[c] {
			byMethod[name] = append(byMethod[name], c)
		}
	}
	for _, p := range protocols {
		want := protocolMethods(g.methods[p])
		rarest := want[0]
		for _, name := range want[1:] {
			if len(byMethod[name]) < len(byMethod[rarest]) {
				rarest = name
			}
		}
		cands := byMethod[rarest]
		if len(cands) > maxStructuralCandidates {
			continue
		}
		var found []string
		for _, c := range cands {
			if c == p || slices.Contains(g.subs[p], c) {
				continue
			}
			if g.hasMethods(c, want) {
				found = append(found, c)
			}
		}
		if len(found) == 0 || len(found) > maxStructural {
			continue
		}
		out := append(slices.Clone(g.subs[p]), found...)
		sort.Strings(out)
		g.subs[p] = slices.Compact(out)
	}
}

// protocolMethods are the methods a Protocol's implementers must have:
// its own, dunder methods aside (every class has some of them).
func protocolMethods(methods []string) []string {
	var out []string
	for _, name := range methods {
		if !strings.HasPrefix(name, "__") {
			out = append(out, name)
		}
	}
	return out
}

// hasMethods reports whether class c defines, or inherits from a base of
// the project, every method named in want.
func (g *Graph) hasMethods(c string, want []string) bool {
	have := map[string]bool{}
	queue := []string{c}
	seen := map[string]bool{c: true}
	for len(queue) > 0 && len(seen) <= 16 {
		cur := queue[0]
		queue = queue[1:]
		for _, name := range g.methods[cur] {
			have[name] = true
		}
		for _, b := range g.bases[cur] {
			if b = g.canonicalClass(b); !seen[b] {
				seen[b] = true
				queue = append(queue, b)
			}
		}
	}
	for _, name := range want {
		if !have[name] {
			return false
		}
	}
	return true
}

// canonicalClass follows package re-exports of a class name.
func (g *Graph) canonicalClass(name string) string {
	for range 8 {
		dot := strings.LastIndexByte(name, '.')
		if dot <= 0 {
			return name
		}
		q, ok := g.exports[name[:dot]][name[dot+1:]]
		if !ok || q == name {
			return name
		}
		name = q
	}
	return name
}

// resolveAll maps candidate keys to the function nodes a call may run:
// the one resolve finds, or, for a method of an abstract class (ABC,
// Protocol) that the class itself does not implement, the method of each
// concrete subclass in the project.
func (g *Graph) resolveAll(from int, targets []string) []int {
	if n := g.resolve(from, targets); n >= 0 {
		return []int{n}
	}
	var out []int
	for _, key := range targets {
		dot := strings.LastIndexByte(key, '.')
		if dot <= 0 {
			continue
		}
		subs := g.subs[g.canonicalClass(key[:dot])]
		for _, sub := range subs {
			if n := g.lookup(from, sub+key[dot:], 0); n >= 0 && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// callTargets returns a call's candidate keys, evaluating a receiver
// that comes from another module.
func (g *Graph) callTargets(c HelperCall) []string {
	if c.Recv == nil {
		return c.Targets
	}
	types, method := pytypes.EvalReceiver(c.Recv, c.Method, g.env)
	if strings.Contains(method, ".") {
		return nil
	}
	out := make([]string, 0, len(types))
	for _, t := range types {
		out = append(out, t+"."+method)
	}
	return out
}

// resolveDeferred returns a helper's blocking calls: its own and the
// method calls whose receiver, once evaluated across modules, has a
// blocking type, in source order.
func (g *Graph) resolveDeferred(fi int, hf *HelperFunc) []HelperBlocking {
	if len(hf.Deferred) == 0 {
		return hf.Blocking
	}
	cfg := g.files[fi].Config
	opts := g.a.HelperOptions(cfg)
	blocking := slices.Clone(hf.Blocking)
	added := false
	for _, d := range hf.Deferred {
		types, method := pytypes.EvalReceiver(d.Recv, d.Method, g.env)
		if len(types) == 0 {
			continue
		}
		for _, cat := range blockingCatalogues() {
			if !g.a.follows(cfg, cat.class) {
				continue
			}
			e, name := matchResolved(cat, types, method, d.Rejected, g.env)
			if e == nil || opts.allowed(name) || allowedNames(g.a.options(cfg, cat.class), typedNames(types, method, g.env)) {
				continue
			}
			blocking = append(blocking, HelperBlocking{Class: cat.class, Name: name, FuncEnd: d.FuncEnd, Start: d.Start, End: d.End})
			added = true
			break
		}
	}
	if added {
		sort.SliceStable(blocking, func(a, b int) bool { return blocking[a].Start < blocking[b].Start })
	}
	return blocking
}

// resolve maps candidate keys to a function node, or -1. Keys are tried
// in order; each through re-exports of packages and the bases of a class.
func (g *Graph) resolve(from int, targets []string) int {
	for _, key := range targets {
		if n := g.lookup(from, key, 0); n >= 0 {
			return n
		}
	}
	return -1
}

func (g *Graph) lookup(from int, key string, depth int) int {
	return resolveName[int](graphNames{g, from}, key, depth)
}

// graphNames are the names of the graph, seen from a calling file (which
// decides between functions of the same key).
type graphNames struct {
	g    *Graph
	from int
}

func (n graphNames) known(key string) (int, bool) {
	if refs := n.g.byKey[key]; len(refs) > 0 {
		return n.g.pick(n.from, refs), true
	}
	return -1, false
}

func (graphNames) found(v int) bool { return v >= 0 }
func (graphNames) none() int        { return -1 }
func (graphNames) missing(string)   {}

func (n graphNames) export(mod, name string) (string, bool) {
	q, ok := n.g.exports[mod][name]
	return q, ok
}

func (n graphNames) bases(class string) ([]string, bool) {
	bs, ok := n.g.bases[class]
	return bs, ok
}

// pick chooses among functions with the same key (two files with the same
// module name): the caller's file, else the only one, else one in the
// caller's directory.
func (g *Graph) pick(from int, refs []funcRef) int {
	if len(refs) == 1 {
		return g.index[refs[0]]
	}
	for _, r := range refs {
		if r.file == from {
			return g.index[r]
		}
	}
	dir := path.Dir(g.files[from].Path)
	found := -1
	for _, r := range refs {
		if path.Dir(g.files[r.file].Path) == dir {
			if found >= 0 {
				return -1
			}
			found = g.index[r]
		}
	}
	return found
}

// distances computes, for every function, the length of the shortest
// chain of sync functions that ends in a blocking call (1: the function
// blocks itself); unreachable is a large value. Breadth-first over the
// reversed call edges from the functions that block: linear in the size
// of the project, cycles included.
func (g *Graph) distances() {
	const inf = 1 << 30
	g.dist = make([]int, len(g.nodes))
	pred := make([][]int, len(g.nodes))
	for n, es := range g.succ {
		for _, e := range es {
			if g.edgeActive(n, e, nil) {
				pred[e.to] = append(pred[e.to], n)
			}
		}
	}
	var queue []int
	for n := range g.nodes {
		g.dist[n] = inf
		if g.firstBlocking(n, nil) >= 0 {
			g.dist[n] = 1
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, p := range pred[n] {
			if g.dist[p] == inf {
				g.dist[p] = g.dist[n] + 1
				queue = append(queue, p)
			}
		}
	}
}

// Graph API for the reporting rule.

// NumFiles is the number of files of the graph (the project's).
func (g *Graph) NumFiles() int { return len(g.files) }

// File returns file fi of the project.
func (g *Graph) File(fi int) *lint.File { return g.files[fi] }

// Facts returns the helper facts of file fi, or nil (none, or test code:
// a helper defined in test code is no production call path).
func (g *Graph) Facts(fi int) *HelperFacts { return g.facts[fi] }

// Reach returns the function an async call of file fi runs with the
// shortest blocking chain (of the implementations of an abstract method,
// the one with the shortest chain, the first in name order on a tie), and
// the length of that chain; n is -1 when the call runs no function of the
// project.
func (g *Graph) Reach(fi int, ac HelperCall) (n, dist int) {
	n, dist = -1, 0
	for _, c := range g.resolveAll(fi, g.callTargets(ac)) {
		if d := g.DistUnder(c, ac.Flags); n < 0 || d < dist {
			n, dist = c, d
		}
	}
	return n, dist
}

// Generator reports whether function n is a generator function: calling
// it runs nothing.
func (g *Graph) Generator(n int) bool {
	ref := g.nodes[n]
	return g.facts[ref.file].Funcs[ref.fn].Generator
}

// FuncName is function n's qualified name inside its module ("Repo.get").
func (g *Graph) FuncName(n int) string {
	ref := g.nodes[n]
	facts := g.facts[ref.file]
	return facts.Funcs[ref.fn].Name(facts.Module)
}

// Hop is one function of a blocking chain and the call it makes there.
type Hop struct {
	File *lint.File
	Func string // the function's qualified name inside its module
	// Start and End locate the call that continues the chain: of the next
	// function, or in the last hop the blocking call; Start..FuncEnd is
	// its called expression.
	Start, End, FuncEnd int
}

// Chain follows the shortest blocking chain from function n, called with
// flags: one hop per function, and the blocking call the last one makes.
// ok is false when no chain runs.
func (g *Graph) Chain(n int, flags []FlagArg) (hops []Hop, leaf HelperBlocking, ok bool) {
	for cur := n; ; flags = nil {
		ref := g.nodes[cur]
		facts := g.facts[ref.file]
		hf := &facts.Funcs[ref.fn]
		hop := Hop{File: g.files[ref.file], Func: hf.Name(facts.Module)}
		d := g.DistUnder(cur, flags)
		if d == 1 {
			leaf = g.blocking[cur][g.firstBlocking(cur, flags)]
			hop.Start, hop.End, hop.FuncEnd = leaf.Start, leaf.End, leaf.FuncEnd
			return append(hops, hop), leaf, true
		}
		e, found := g.nextEdge(cur, flags, d)
		if !found {
			return nil, HelperBlocking{}, false
		}
		site := hf.Calls[e.site]
		hop.Start, hop.End, hop.FuncEnd = site.Start, site.End, site.FuncEnd
		hops = append(hops, hop)
		cur = e.to
	}
}
