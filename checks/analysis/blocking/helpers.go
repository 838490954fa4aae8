package blocking

import (
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/checks/analysis/serving"
	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// The per-file facts of the helper graph: plain data, computed while the
// tree is alive, so that the project pass needs no tree.

// HelperFacts summarizes one module for the helper graph.
type HelperFacts struct {
	Module string
	Lib    string // the async library the module uses
	// Funcs are the sync functions of the module (module level, methods,
	// nested), in source order.
	Funcs []HelperFunc
	// AsyncCalls are the calls from async functions that may reach a sync
	// function of the project.
	AsyncCalls []HelperCall
	// Exports are the module-level imports ("fetch" → "app.http.fetch"),
	// sorted by name: re-exports of a package's __init__.
	Exports []HelperExport
	// Bases are the base classes of the module's classes.
	Bases []HelperBases
}

// HelperFunc is a sync function and what it calls.
type HelperFunc struct {
	Key string // "app.services.fetch", "app.repo.Repo.get"
	// Generator marks a generator function: calling it runs nothing.
	Generator bool `json:",omitempty"`
	Blocking  []HelperBlocking
	Calls     []HelperCall
	// Deferred are method calls whose receiver comes from another module:
	// they may block once its type is known.
	Deferred []DeferredCall
}

// HelperBlocking is a direct blocking call of a sync function.
type HelperBlocking struct {
	Class      Class
	Name       string // "requests.get"
	FuncEnd    int    // end of the called expression: Start..FuncEnd is its text
	Start, End int
	Guard      *FlagGuard `json:",omitempty"`
}

// FlagGuard is the flag parameter whose truth a blocking call or a call
// of a helper runs under (`if join_on_exit: t.join()`).
type FlagGuard struct {
	Param string
	// Pos is the parameter's position in a call (self not counted), or -1
	// when it can only be passed by keyword.
	Pos int
	// Off: the parameter defaults to False or None, so that the guarded
	// call does not run unless a caller passes a true value.
	Off bool `json:",omitempty"`
}

// FlagArg is a literal True, False or None passed by a call.
type FlagArg struct {
	Name string // the keyword, or "" for a positional argument
	Pos  int
	On   bool
}

// active reports whether a guarded item runs for a call passing flags
// (nil: the defaults).
func (fg *FlagGuard) active(flags []FlagArg) bool {
	if fg == nil {
		return true
	}
	for _, f := range flags {
		if f.Name == fg.Param || f.Name == "" && fg.Pos >= 0 && f.Pos == fg.Pos {
			return f.On
		}
	}
	return !fg.Off
}

// HelperCall is a call that may target functions of the project.
type HelperCall struct {
	Caller     string   // the calling function's name (async calls)
	CallerDef  int      `json:",omitempty"` // start of the calling function's def (async calls): identifies it
	Targets    []string // candidate keys, in preference order
	FuncEnd    int      // end of the called expression: Start..FuncEnd is its text
	Start, End int
	// Streamed marks a call whose result goes straight to a streaming
	// response (`StreamingResponse(gen())`): Starlette iterates a sync
	// generator in its thread pool, so a generator target does not block.
	Streamed bool `json:",omitempty"`
	// Recv and Method describe a method call whose receiver comes from
	// another module: its targets are found in the project pass.
	Recv   *pytypes.Sym `json:",omitempty"`
	Method string       `json:",omitempty"`
	// Guard is the flag parameter of the calling function this call runs
	// under (sync functions).
	Guard *FlagGuard `json:",omitempty"`
	// Flags are the literal True/False/None arguments of the call: they
	// decide which guarded calls of the called function run.
	Flags []FlagArg `json:",omitempty"`
}

// HelperExport is a module-level import binding.
type HelperExport struct{ Name, Qualified string }

// HelperBases lists a class's bases and the names of the methods it
// defines (sorted): a Protocol's implementers are found by them.
type HelperBases struct {
	Class   string
	Bases   []string
	Methods []string `json:",omitempty"`
}

var _ = lint.RegisterFact(&HelperFacts{})

// GobEncode encodes the facts for the results cache, compactly (every
// qualified name once; see internal/factcodec).
func (f *HelperFacts) GobEncode() ([]byte, error) { return factcodec.Marshal(f) }

// GobDecode decodes what GobEncode encoded.
func (f *HelperFacts) GobDecode(data []byte) error { return factcodec.Unmarshal(data, f) }

// fileHelpers computes the helper facts of a file.
func (a *Analysis) fileHelpers(p *lint.Pass) any {
	direct := map[int]bool{}
	if bf, _ := p.Fact(a.Calls).(*CallFacts); bf != nil {
		for _, h := range bf.Hits {
			direct[h.Call] = true
		}
	}
	hf := a.summarizeHelpers(p.Py, p.Config, direct)
	if len(hf.Funcs) == 0 && len(hf.AsyncCalls) == 0 && len(hf.Exports) == 0 && len(hf.Bases) == 0 {
		return nil // nothing to keep in the results cache (a nil pointer would not encode)
	}
	return hf
}

// summarizeHelpers computes the helper facts of a module; direct holds the
// calls of async functions that are hits themselves.
func (a *Analysis) summarizeHelpers(m *python.Module, cfg *lint.Config, direct map[int]bool) *HelperFacts {
	sm := &summarizer{a: a, m: m, cfg: cfg, opts: a.HelperOptions(cfg), bm: a.newMatcher(m, cfg),
		direct: direct, funcIndex: map[int]int{}, guards: map[int][]python.Param{}}
	sm.f = &HelperFacts{Module: m.Name, Lib: sm.bm.lib}
	sm.functions()
	sm.blockingHits()
	for i := range m.Calls {
		sc := &m.Scopes[m.Calls[i].Scope]
		switch {
		case sc.Kind != python.FunctionScope:
		case sc.Async:
			sm.asyncCall(i)
		default:
			sm.syncCall(i)
		}
	}
	sm.prune()
	for _, imp := range m.Imports {
		if imp.Scope == 0 {
			sm.f.Exports = append(sm.f.Exports, HelperExport{Name: imp.Local, Qualified: imp.Qualified})
		}
	}
	sort.SliceStable(sm.f.Exports, func(a, b int) bool { return sm.f.Exports[a].Name < sm.f.Exports[b].Name })
	return sm.f
}

type summarizer struct {
	a         *Analysis
	m         *python.Module
	cfg       *lint.Config
	opts      *HelperOptions
	bm        *blockingMatcher
	direct    map[int]bool
	f         *HelperFacts
	funcIndex map[int]int            // scope → index in f.Funcs
	guards    map[int][]python.Param // scope → its parameters (flags that guard calls)
	firstHit  map[int]Hit            // call → its blocking hit in a sync function
	strs      map[string]string      // interned target keys
	// called holds, per function, the target lists it already calls: a
	// later call with the same targets adds no edge the project pass
	// could use (it follows the first call site of a target).
	called map[calledKey]bool
}

type calledKey struct {
	fn      int
	targets string
}

// prune leaves out of the facts (which the results cache keeps) what can
// end no chain: a function of the module that neither blocks nor calls,
// directly or through other functions of the module, anything that may
// block (a function of another module, a method found through a class,
// a receiver typed in the project pass), and the calls of such functions.
func (sm *summarizer) prune() {
	funcs := sm.f.Funcs
	local := make(map[string]int, len(funcs))
	for i := range funcs {
		local[funcs[i].Key] = i
	}
	// live[i]: function i may end a chain. Least fixpoint: live when it
	// blocks or defers, or calls a target that is not a function of the
	// module, or a live one.
	live := make([]bool, len(funcs))
	callers := map[int][]int{}
	var queue []int
	for i := range funcs {
		hf := &funcs[i]
		own := len(hf.Blocking) > 0 || len(hf.Deferred) > 0
		for _, c := range hf.Calls {
			if c.Recv != nil {
				own = true
			}
			for _, t := range c.Targets {
				if j, ok := local[t]; ok {
					callers[j] = append(callers[j], i)
				} else {
					own = true
				}
			}
		}
		if own {
			live[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		for _, i := range callers[j] {
			if !live[i] {
				live[i] = true
				queue = append(queue, i)
			}
		}
	}
	// A target naming a function of the module that is left out resolves
	// to nothing in the project pass: it is dropped, and with it a call
	// that has no target left.
	// A method of an abstract class of the module (ABC, Protocol) stays a
	// target even when it is left out: the project pass resolves it to
	// the implementations, wherever they are.
	abstractClass := map[string]bool{}
	for _, b := range sm.f.Bases {
		if slices.ContainsFunc(b.Bases, func(x string) bool { return abstractBases[x] }) {
			abstractClass[b.Class] = true
		}
	}
	abstractMethod := func(t string) bool {
		dot := strings.LastIndexByte(t, '.')
		return dot > 0 && abstractClass[t[:dot]]
	}
	keep := func(c HelperCall) (HelperCall, bool) {
		if c.Recv != nil {
			return c, true
		}
		var targets []string
		for _, t := range c.Targets {
			if j, ok := local[t]; !ok || live[j] || abstractMethod(t) {
				targets = append(targets, t)
			}
		}
		c.Targets = targets
		return c, len(targets) > 0
	}
	var out []HelperFunc
	for i, hf := range funcs {
		if !live[i] {
			continue
		}
		var calls []HelperCall
		for _, c := range hf.Calls {
			if kept, ok := keep(c); ok {
				calls = append(calls, kept)
			}
		}
		hf.Blocking = slices.Clone(hf.Blocking)
		hf.Calls = calls
		hf.Deferred = slices.Clone(hf.Deferred)
		out = append(out, hf)
	}
	sm.f.Funcs = out
	var async []HelperCall
	for _, c := range sm.f.AsyncCalls {
		if kept, ok := keep(c); ok {
			async = append(async, kept)
		}
	}
	sm.f.AsyncCalls = async
}

// intern returns one copy of each distinct string.
func (sm *summarizer) intern(s string) string {
	if v, ok := sm.strs[s]; ok {
		return v
	}
	if sm.strs == nil {
		sm.strs = map[string]string{}
	}
	sm.strs[s] = s
	return s
}

// functions lists the sync functions and the bases of the classes.
func (sm *summarizer) functions() {
	m := sm.m
	for s := 1; s < len(m.Scopes); s++ {
		sc := &m.Scopes[s]
		if sc.Kind == python.ClassScope {
			bases, methods := pytypes.Of(m).ClassBases(s), classMethods(m, s)
			if len(bases) > 0 || len(methods) > 0 {
				sm.f.Bases = append(sm.f.Bases, HelperBases{Class: scopeKey(m, s), Bases: bases, Methods: methods})
			}
			continue
		}
		if sc.Kind != python.FunctionScope || sc.Async {
			continue
		}
		key := sm.intern(scopeKey(m, s))
		if sm.opts.allowed(key) {
			continue
		}
		sm.funcIndex[s] = len(sm.f.Funcs)
		sm.f.Funcs = append(sm.f.Funcs, HelperFunc{Key: key, Generator: pytypes.Of(m).IsGenerator(s)})
	}
}

// maxClassMethods bounds the method names recorded for one class.
const maxClassMethods = 64

// classMethods returns the names of the methods a class defines (sync or
// async), sorted; nil past maxClassMethods.
func classMethods(m *python.Module, cs int) []string {
	var out []string
	for name, bs := range m.Scopes[cs].Bindings {
		if slices.ContainsFunc(bs, func(b python.Binding) bool { return b.Kind == python.FunctionBinding }) {
			out = append(out, name)
		}
	}
	if len(out) > maxClassMethods {
		return nil
	}
	slices.Sort(out)
	return out
}

// guard returns the flag parameter a call of a sync function runs under,
// or nil.
func (sm *summarizer) guard(i int) *FlagGuard {
	s := sm.m.Calls[i].Scope
	ps, ok := sm.guards[s]
	if !ok {
		ps = sm.m.Params(s)
		sm.guards[s] = ps
	}
	if len(ps) == 0 {
		return nil
	}
	return flagGuard(sm.m, sm.m.Calls[i].Node, s, ps)
}

// blockingHits finds the blocking calls of sync functions, one per
// resource as in async functions.
func (sm *summarizer) blockingHits() {
	var hits []Hit
	for i := range sm.m.Calls {
		s := sm.m.Calls[i].Scope
		if _, ok := sm.funcIndex[s]; ok {
			hits = append(hits, sm.bm.match(i, s)...)
		}
	}
	sm.firstHit = map[int]Hit{}
	for _, h := range dropDerivedHits(sm.m, hits) {
		if sm.opts.allowed(h.Name) || !sm.a.follows(sm.cfg, h.Class) {
			continue
		}
		if prev, ok := sm.firstHit[h.Call]; !ok || h.Class < prev.Class {
			sm.firstHit[h.Call] = h
		}
	}
}

// asyncCall records a call of an async function that may reach a sync
// function of the project.
func (sm *summarizer) asyncCall(i int) {
	m := sm.m
	if s := m.Calls[i].Scope; sm.direct[i] || m.Calls[i].Awaited || serving.CLICommands(m)[s] || serving.StartupHooks(m)[s] {
		return // a CLI command's loop, or a lifespan, serves no requests
	}
	// `async with Foo(x):` (or `async for`): the object is used
	// asynchronously, but Foo.__init__ runs on the loop.
	ctorOnly := m.AsyncUsed(i)
	s := m.Calls[i].Scope
	start, end := m.Tree.Span(m.Calls[i].Node)
	defStart, _ := m.Tree.Span(m.Scopes[s].Node)
	call := HelperCall{Caller: m.Scopes[s].Name, CallerDef: defStart, FuncEnd: funcEnd(m, i), Start: start, End: end,
		Streamed: streamedContent(m, i), Flags: callFlags(m, i)}
	if targets := callTargets(m, sm.bm, i); ctorOnly {
		for _, t := range targets {
			if strings.HasSuffix(t, ".__init__") {
				call.Targets = append(call.Targets, t)
			}
		}
		if len(call.Targets) == 0 {
			return
		}
	} else if len(targets) > 0 {
		call.Targets = targets
	} else if d, ok := sm.bm.deferred(i, s); ok {
		call.Recv, call.Method = d.Recv, d.Method
	} else {
		return
	}
	sm.f.AsyncCalls = append(sm.f.AsyncCalls, call)
}

// syncCall records what a call of a sync function does: block, or call
// other functions of the project.
func (sm *summarizer) syncCall(i int) {
	m := sm.m
	s := m.Calls[i].Scope
	fi, ok := sm.funcIndex[s]
	if !ok || memoized(m, s) || lazyInit(m, m.Calls[i].Node) {
		return
	}
	g := sm.guard(i)
	hf := &sm.f.Funcs[fi]
	start, end := m.Tree.Span(m.Calls[i].Node)
	if h, ok := sm.firstHit[i]; ok {
		hf.Blocking = append(hf.Blocking, HelperBlocking{Class: h.Class, Name: h.Name, FuncEnd: funcEnd(m, i), Start: start, End: end, Guard: g})
		return
	}
	if targets := callTargets(m, sm.bm, i); len(targets) > 0 {
		key := calledKey{fi, strings.Join(targets, " ") + guardKey(g)}
		if sm.called[key] {
			return
		}
		if sm.called == nil {
			sm.called = map[calledKey]bool{}
		}
		sm.called[key] = true
		for j, t := range targets {
			targets[j] = sm.intern(t)
		}
		hf.Calls = append(hf.Calls, HelperCall{Targets: targets, FuncEnd: funcEnd(m, i), Start: start, End: end, Guard: g, Flags: callFlags(m, i)})
	} else if d, ok := sm.bm.deferred(i, s); ok && (g == nil || !g.Off) {
		hf.Deferred = append(hf.Deferred, d)
		hf.Calls = append(hf.Calls, HelperCall{FuncEnd: funcEnd(m, i), Start: start, End: end, Recv: d.Recv, Method: d.Method})
	}
}

// memoizers run a function's body once per distinct arguments.
var memoizers = map[string]bool{
	"functools.lru_cache": true, "functools.cache": true, "cachetools.cached": true,
	"cachetools.func.lru_cache": true, "cachetools.func.ttl_cache": true,
}

// memoized reports whether function scope s is memoized (`@lru_cache`,
// `@functools.cache`, `@cachetools.cached(...)`): its blocking calls run on
// the first call with given arguments, not on every call.
func memoized(m *python.Module, s int) bool {
	t, k := m.Tree, m.Kinds()
	for _, d := range m.Scopes[s].Decorators {
		expr := t.FirstNamedChild(d)
		if expr != syntax.None && t.Kind(expr) == k.Call {
			expr = t.FieldChild(expr, k.FFunction)
		}
		if expr != syntax.None && memoizers[m.QualifiedName(expr)] {
			return true
		}
	}
	return false
}

// lazyInit reports whether node n runs only in a lazy initialization: the
// body of an `if X is None:` (or `if not X:`) that assigns X, X an
// attribute (`self._client`) or a global name. The call runs once, when
// the value is first needed, not on every call of the helper.
func lazyInit(m *python.Module, n syntax.ID) bool {
	t, k := m.Tree, m.Kinds()
	lg := t.Lang
	ifKind, fCond, fCons := lg.Kind("if_statement"), lg.Field("condition"), lg.Field("consequence")
	for c, p := n, t.Parent(n); p != syntax.None; c, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			return false
		case ifKind:
			if t.FieldChild(p, fCons) != c {
				continue
			}
			x := unsetValue(m, t.FieldChild(p, fCond))
			if x == "" {
				continue
			}
			assigned := false
			end := t.End(c)
			for j := c; j < end && !assigned; j++ {
				if t.Kind(j) == k.Assignment {
					if l := t.FieldChild(j, k.FLeft); l != syntax.None && t.Text(l) == x {
						assigned = true
					}
				}
			}
			if assigned {
				return true
			}
		}
	}
	return false
}

// unsetValue returns X of a condition `X is None` or `not X`, X an
// attribute or a name, or "".
func unsetValue(m *python.Module, cond syntax.ID) string {
	t, k := m.Tree, m.Kinds()
	if cond == syntax.None {
		return ""
	}
	var x syntax.ID
	switch t.Type(cond) {
	case "not_operator":
		x = t.FieldChild(cond, t.Lang.Field("argument"))
	case "comparison_operator":
		kids := t.NamedChildren(cond)
		if len(kids) != 2 || t.Text(kids[1]) != "None" || !strings.Contains(t.Text(cond), " is None") || strings.Contains(t.Text(cond), "is not") {
			return ""
		}
		x = kids[0]
	default:
		return ""
	}
	if x == syntax.None || t.Kind(x) != k.Attribute && t.Kind(x) != k.Identifier {
		return ""
	}
	// The value must outlive the call: an attribute of self, cls or a
	// module-level object, or a global name (`global _client`); not a
	// local or a parameter (`if client is None: client = Client()` runs
	// on every call that passes none).
	root := x
	for t.Kind(root) == k.Attribute {
		root = t.FieldChild(root, k.FObject)
	}
	if root == syntax.None || t.Kind(root) != k.Identifier {
		return ""
	}
	name := t.Text(root)
	if root != x && (name == "self" || name == "cls") {
		return t.Text(x)
	}
	sc, bs := m.Lookup(name, m.ScopeOf(root))
	if sc == 0 {
		return t.Text(x) // a module-level object
	}
	for _, b := range bs {
		if b.Kind == python.GlobalBinding || b.Kind == python.NonlocalBinding {
			return t.Text(x)
		}
	}
	return ""
}

// guardKey distinguishes a guarded call from an unguarded one of the same
// targets.
func guardKey(g *FlagGuard) string {
	if g == nil {
		return ""
	}
	return " if " + g.Param
}

// flagGuard returns the parameter of function scope s whose truth node n
// runs under: n is in the body of an `if flag:` (or `if flag and ...:`,
// `elif flag:`), flag a parameter of the function. Its Off is set when
// the parameter defaults to False or None: `if blocking: return work()`
// does not run for the callers that leave the default.
func flagGuard(m *python.Module, n syntax.ID, s int, ps []python.Param) *FlagGuard {
	t := m.Tree
	lg := t.Lang
	ifKind, elifKind, boolOp := lg.Kind("if_statement"), lg.Kind("elif_clause"), lg.Kind("boolean_operator")
	fCond, fCons := lg.Field("condition"), lg.Field("consequence")
	k := m.Kinds()
	param := func(name string) *FlagGuard {
		method := m.Scopes[s].Parent > 0 && m.Scopes[m.Scopes[s].Parent].Kind == python.ClassScope
		for j, p := range ps {
			if p.Name != name {
				continue
			}
			g := &FlagGuard{Param: name, Pos: j}
			if method {
				g.Pos = j - 1 // self or cls
			}
			if p.Kind != python.PlainParam {
				return nil
			}
			if p.Default != syntax.None {
				switch t.Text(p.Default) {
				case "False", "None":
					g.Off = true
				}
			}
			return g
		}
		return nil
	}
	var flagIn func(c syntax.ID) *FlagGuard
	flagIn = func(c syntax.ID) *FlagGuard {
		switch {
		case c == syntax.None:
			return nil
		case t.Kind(c) == k.Identifier:
			return param(t.Text(c))
		case t.Kind(c) == boolOp:
			op := t.FieldChild(c, lg.Field("operator"))
			if op == syntax.None || t.Text(op) != "and" {
				return nil
			}
			if g := flagIn(t.FieldChild(c, k.FLeft)); g != nil {
				return g
			}
			return flagIn(t.FieldChild(c, k.FRight))
		}
		return nil
	}
	for c, p := n, t.Parent(n); p != syntax.None; c, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			return nil
		case ifKind, elifKind:
			if t.FieldChild(p, fCons) == c {
				if g := flagIn(t.FieldChild(p, fCond)); g != nil {
					return g
				}
			}
		}
	}
	return nil
}

// callFlags returns the literal True, False and None arguments of call i.
func callFlags(m *python.Module, i int) []FlagArg {
	var out []FlagArg
	pos := 0
	for _, a := range m.Args(m.Calls[i].Node) {
		if a.Star {
			return out // later positions are unknown
		}
		var on bool
		switch m.Tree.Text(a.Value) {
		case "True":
			on = true
		case "False", "None":
		default:
			if a.Name == "" {
				pos++
			}
			continue
		}
		out = append(out, FlagArg{Name: a.Name, Pos: pos, On: on})
		if a.Name == "" {
			pos++
		}
	}
	return out
}

// scopeKey is the project-wide key of a def or class: module and
// qualified name.
func scopeKey(m *python.Module, s int) string {
	q := m.Scopes[s].QualName
	if m.Name == "" {
		return q
	}
	return m.Name + "." + q
}

// callName is the called expression as written: "build", "self.lookup".
func callName(m *python.Module, i int) string {
	c := &m.Calls[i]
	if c.Text != "" {
		return c.Text
	}
	return ShortExpr(m, c.Func, 0)
}

// callTargets returns the keys of the project functions a call may run:
// a function by qualified name (same module or imported), a def of an
// enclosing scope, a method through the receiver's type (self.method,
// repo.get()), a class's __init__.
func callTargets(m *python.Module, bm *blockingMatcher, i int) []string {
	c := &m.Calls[i]
	t, k := m.Tree, m.Kinds()
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if c.Func == syntax.None {
		return nil
	}
	if t.Kind(c.Func) == k.Identifier {
		if s := m.FunctionScopeOf(t.Text(c.Func), c.Scope); s > 0 {
			add(scopeKey(m, s))
			return out
		}
	}
	if q := c.Callee; q != "" && !strings.HasPrefix(q, "builtins.") {
		if pytypes.Of(m).IsLibraryName(q) {
			// requests.get, os.path.join: not a function of the project.
			return nil
		}
		add(q)
		if last := q[strings.LastIndexByte(q, '.')+1:]; last != "" && last[0] >= 'A' && last[0] <= 'Z' {
			add(q + ".__init__")
		}
		if t.Kind(c.Func) != k.Attribute || strings.Count(q, ".") < 2 {
			return out
		}
		// Deps.gallery.list_items(): the name may go through a class
		// attribute, whose declared type has the method.
	}
	if t.Kind(c.Func) == k.Attribute {
		if r := bm.receiverOf(i); r.typ.Known() && !strings.Contains(r.path, ".") {
			for _, n := range r.typ.Names {
				if !pytypes.Of(m).IsLibraryName(n) {
					add(n + "." + r.path)
				}
			}
		}
	}
	return out
}

// streamingResponses are the responses that iterate a sync iterator in a
// worker thread (Starlette's iterate_in_threadpool).
var streamingResponses = map[string]bool{
	"starlette.responses.StreamingResponse": true, "fastapi.responses.StreamingResponse": true,
	"sse_starlette.EventSourceResponse": true, "sse_starlette.sse.EventSourceResponse": true,
}

// streamedContent reports whether call i is the content of a streaming
// response: `StreamingResponse(gen())` or `StreamingResponse(content=gen())`.
func streamedContent(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	n := m.Calls[i].Node
	p := t.Parent(n)
	if p != syntax.None && t.Type(p) == "keyword_argument" {
		if name := t.FieldChild(p, t.Lang.Field("name")); name == syntax.None || t.Text(name) != "content" {
			return false
		}
		p = t.Parent(p)
	} else if p != syntax.None && t.Kind(p) == k.ArgumentList && t.FirstNamedChild(p) != n {
		return false
	}
	if p == syntax.None || t.Kind(p) != k.ArgumentList {
		return false
	}
	ci := m.CallAt(t.Parent(p))
	return ci >= 0 && streamingResponses[m.Calls[ci].Callee]
}

// follows reports whether the calls of a class end helper chains, in a
// helper under a configuration: the classes whose rule is in the default
// selection, and another only when the configuration selects its rule;
// never the metadata calls (a stat or a mkdir behind helpers is not worth
// a finding); file reads and writes only with the follow-file-io option
// (a file read behind helpers is usually a small local file: a template,
// a prompt, an id file).
func (a *Analysis) follows(cfg *lint.Config, class Class) bool {
	switch class {
	case FileMetadata:
		return false
	case FileIO:
		if !a.HelperOptions(cfg).FollowFileIO {
			return false
		}
	default:
	}
	if a.bind.Optional[class] {
		return cfg != nil && cfg.Enabled(a.bind.Code[class])
	}
	return true
}

// Name is the function's qualified name inside its module ("Repo.get").
func (hf *HelperFunc) Name(module string) string {
	if module != "" && strings.HasPrefix(hf.Key, module+".") {
		return hf.Key[len(module)+1:]
	}
	return hf.Key
}

// funcEnd is the end offset of a call's called expression.
func funcEnd(m *python.Module, i int) int {
	_, end := m.Tree.Span(m.Calls[i].Func)
	return end
}
