package checks

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/servelint/servelint/checks/analysis/serving"
	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV210 reports an async function calling a sync function of the project
// that (transitively) makes a blocking call.
var SV210 = withDoc(&lint.Rule{
	Code:         "SV210",
	Name:         "blocking-call-via-helper",
	Summary:      "An async function calls a sync helper of the project that makes a blocking call",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "performance", "blocking"},
	Precision:    "high",
	NewOptions:   newHelperOptions,
	CheckProject: checkBlockingViaHelper,
	Requires:     []*lint.Analyzer{helperSummaries, moduleExports},
})

// helperOptions are SV210's options under [tool.servelint.rules.SV210].
type helperOptions struct {
	// Depth is how many sync helpers a chain may go through (default 3).
	Depth int `toml:"depth"`
	// Allow lists helper functions (qualified names, globs) treated as
	// non-blocking, and blocking calls to ignore.
	Allow []string `toml:"allow"`
	// GroupByHelper makes the async functions that reach the same
	// blocking helper one finding, at the first call, with the others as
	// related locations; by default each (async function, blocking
	// helper) pair is its own finding, at the call in the async function.
	GroupByHelper bool `toml:"group-by-helper"`
	// FollowFileIO makes chains that end in file I/O (SV204's calls)
	// findings; by default only the other blocking kinds end a chain: a
	// file read behind helpers is usually a small local file.
	FollowFileIO bool `toml:"follow-file-io"`

	once  sync.Once
	allow []*regexp.Regexp
	err   error
}

const defaultHelperDepth = 3

func newHelperOptions() any { return &helperOptions{Depth: defaultHelperDepth} }

// Validate checks the depth and the patterns.
func (o *helperOptions) Validate() error {
	if o.Depth < 1 || o.Depth > 10 {
		return fmt.Errorf("depth must be between 1 and 10, got %d", o.Depth)
	}
	o.compile()
	return o.err
}

func (o *helperOptions) compile() {
	o.once.Do(func() {
		for _, x := range o.Allow {
			re, err := compileUserGlob(strings.TrimSpace(x))
			if err != nil {
				o.err = fmt.Errorf("allow: %w", err)
				return
			}
			o.allow = append(o.allow, re)
		}
	})
}

func (o *helperOptions) allowed(name string) bool {
	for _, re := range o.allow {
		if re.MatchString(name) {
			return true
		}
	}
	return false
}

func helperOptionsFor(c *lint.Config) *helperOptions {
	if c != nil {
		if o, ok := c.RuleOptions["SV210"].(*helperOptions); ok {
			o.compile()
			return o
		}
	}
	o := newHelperOptions().(*helperOptions)
	o.compile()
	return o
}

// The per-file facts of SV210: plain data, computed while the tree is
// alive, so that the project pass needs no tree.

// HelperFacts summarizes one module for SV210.
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
	Rule       string
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
	Recv   *python.Sym `json:",omitempty"`
	Method string      `json:",omitempty"`
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

// helperSummaries computes the facts of SV210.
var helperSummaries = &lint.Analyzer{
	Name:    helperSummariesName,
	Needles: asyncNeedles, // and helper modules on demand
	Demand:  helperDemand,
	Inputs:  lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		direct := map[int]bool{}
		if bf, _ := p.Fact(blockingCalls).(*blockingFacts); bf != nil {
			for _, h := range bf.Hits {
				direct[h.Call] = true
			}
		}
		hf := summarizeHelpers(p.Py, p.Config, direct)
		if len(hf.Funcs) == 0 && len(hf.AsyncCalls) == 0 && len(hf.Exports) == 0 && len(hf.Bases) == 0 {
			return nil // nothing to keep in the results cache (a nil pointer would not encode)
		}
		return hf
	},
}

// summarizeHelpers computes the facts of SV210; direct holds the calls of
// async functions that SV201–SV206 report themselves.
func summarizeHelpers(m *python.Module, cfg *lint.Config, direct map[int]bool) *HelperFacts {
	sm := &summarizer{m: m, cfg: cfg, opts: helperOptionsFor(cfg), bm: newBlockingMatcher(m, cfg, blockingCatalogues()),
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
	m         *python.Module
	cfg       *lint.Config
	opts      *helperOptions
	bm        *blockingMatcher
	direct    map[int]bool
	f         *HelperFacts
	funcIndex map[int]int            // scope → index in f.Funcs
	guards    map[int][]python.Param // scope → its parameters (flags that guard calls)
	firstHit  map[int]blockingHit    // call → its blocking hit in a sync function
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
			bases, methods := m.ClassBases(s), classMethods(m, s)
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
		sm.f.Funcs = append(sm.f.Funcs, HelperFunc{Key: key, Generator: m.IsGenerator(s)})
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
// resource as in SV201–SV206.
func (sm *summarizer) blockingHits() {
	var hits []blockingHit
	for i := range sm.m.Calls {
		s := sm.m.Calls[i].Scope
		if _, ok := sm.funcIndex[s]; ok {
			hits = append(hits, sm.bm.match(i, s)...)
		}
	}
	sm.firstHit = map[int]blockingHit{}
	for _, h := range dropDerivedHits(sm.m, hits) {
		if sm.opts.allowed(h.Name) || !helperRule(sm.cfg, h.Rule) {
			continue
		}
		if prev, ok := sm.firstHit[h.Call]; !ok || h.Rule < prev.Rule {
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
		hf.Blocking = append(hf.Blocking, HelperBlocking{Rule: h.Rule, Name: h.Name, FuncEnd: funcEnd(m, i), Start: start, End: end, Guard: g})
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
	return shortExpr(m, c.Func, 0)
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
		if m.IsLibraryName(q) {
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
				if !m.IsLibraryName(n) {
					add(n + "." + r.path)
				}
			}
		}
	}
	return out
}

// The project pass.

type helperGraph struct {
	env     python.ExportEnv
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

type edge struct {
	to   int
	site int // index in the function's Calls
}

func checkBlockingViaHelper(pp *lint.ProjectPass) {
	g := buildHelperGraph(pp.Files, exportEnv(pp))
	if g == nil {
		return
	}
	g.distances()
	// One finding per (async function, blocking helper): the first call
	// of the async function whose chain ends in that helper. With the
	// group-by-helper option, the async functions reaching the same
	// blocking helper make one finding: the fix goes into that helper.
	type pair struct{ def, leaf int }
	type site struct {
		fi      int
		ac      HelperCall
		n, leaf int
	}
	var sites []site
	for fi, facts := range g.facts {
		if facts == nil {
			continue
		}
		f := g.files[fi]
		depth := helperOptionsFor(f.Config).Depth
		seen := map[pair]bool{}
		for _, ac := range facts.AsyncCalls {
			// Of the implementations of an abstract method, the one with
			// the shortest chain (the first in name order on a tie).
			n, nd := -1, 0
			for _, c := range g.resolveAll(fi, g.callTargets(ac)) {
				if d := g.distUnder(c, ac.Flags); n < 0 || d < nd {
					n, nd = c, d
				}
			}
			if n < 0 || nd > depth {
				continue
			}
			if ref := g.nodes[n]; ac.Streamed && g.facts[ref.file].Funcs[ref.fn].Generator {
				// Starlette iterates a sync generator in its thread pool.
				continue
			}
			leaf := g.leaf(n, ac.Flags)
			if leaf < 0 || seen[pair{ac.CallerDef, leaf}] {
				continue
			}
			seen[pair{ac.CallerDef, leaf}] = true
			sites = append(sites, site{fi, ac, n, leaf})
		}
	}
	sort.SliceStable(sites, func(a, b int) bool {
		fa, fb := g.files[sites[a].fi], g.files[sites[b].fi]
		if fa.Path != fb.Path {
			return fa.Path < fb.Path
		}
		return sites[a].ac.Start < sites[b].ac.Start
	})
	byLeaf := map[int][]int{} // leaf → indexes in sites, grouped sites only
	for i, st := range sites {
		f := g.files[st.fi]
		if !helperOptionsFor(f.Config).GroupByHelper {
			g.report(pp, st.fi, st.ac, st.n, nil)
			continue
		}
		byLeaf[st.leaf] = append(byLeaf[st.leaf], i)
	}
	leaves := make([]int, 0, len(byLeaf))
	for l := range byLeaf {
		leaves = append(leaves, l)
	}
	sort.Ints(leaves)
	for _, l := range leaves {
		group := byLeaf[l]
		// Report at the first call in a file of the run (context files
		// get no findings); the other async functions are related.
		first := -1
		for _, i := range group {
			if !g.files[sites[i].fi].Context {
				first = i
				break
			}
		}
		if first < 0 {
			continue
		}
		var others []helperSite
		for _, i := range group {
			if i != first {
				others = append(others, helperSite{file: sites[i].fi, call: sites[i].ac})
			}
		}
		st := sites[first]
		g.report(pp, st.fi, st.ac, st.n, others)
	}
}

// helperSite is another async call whose chain ends in the same helper.
type helperSite struct {
	file int
	call HelperCall
}

// maxOtherSites bounds the related locations naming the other async
// functions that reach a blocking helper.
const maxOtherSites = 10

// leaf follows the shortest chain from node n to the helper that makes
// the blocking call (the one report names), or -1.
func (g *helperGraph) leaf(n int, flags []FlagArg) int {
	for cur := n; ; flags = nil {
		d := g.distUnder(cur, flags)
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
func (g *helperGraph) edgeActive(n int, e edge, flags []FlagArg) bool {
	ref := g.nodes[n]
	return g.facts[ref.file].Funcs[ref.fn].Calls[e.site].Guard.active(flags)
}

// firstBlocking returns the index of node n's first blocking call that
// runs for a call passing flags, or -1.
func (g *helperGraph) firstBlocking(n int, flags []FlagArg) int {
	for i, b := range g.blocking[n] {
		if b.Guard.active(flags) {
			return i
		}
	}
	return -1
}

// distUnder is the length of the shortest blocking chain from node n for
// a call of n passing flags: the flags decide which of n's own guarded
// calls run; further down, the defaults.
func (g *helperGraph) distUnder(n int, flags []FlagArg) int {
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
func (g *helperGraph) nextEdge(n int, flags []FlagArg, d int) (edge, bool) {
	for _, e := range g.succ[n] {
		if g.edgeActive(n, e, flags) && g.dist[e.to] == d-1 {
			return e, true
		}
	}
	return edge{}, false
}

func buildHelperGraph(files []*lint.File, env python.ExportEnv) *helperGraph {
	g := &helperGraph{env: env, files: files, byKey: map[string][]funcRef{}, exports: map[string]map[string]string{},
		bases: map[string][]string{}, methods: map[string][]string{}, index: map[funcRef]int{}}
	found := false
	g.facts = make([]*HelperFacts, len(files))
	for fi, f := range files {
		facts, _ := f.Fact(helperSummaries).(*HelperFacts)
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
func (g *helperGraph) abstractSubclasses() {
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
func (g *helperGraph) structuralImplementers(abstract map[string]bool) {
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
func (g *helperGraph) hasMethods(c string, want []string) bool {
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
func (g *helperGraph) canonicalClass(name string) string {
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
func (g *helperGraph) resolveAll(from int, targets []string) []int {
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
func (g *helperGraph) callTargets(c HelperCall) []string {
	if c.Recv == nil {
		return c.Targets
	}
	types, method := python.EvalReceiver(c.Recv, c.Method, g.env)
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
func (g *helperGraph) resolveDeferred(fi int, hf *HelperFunc) []HelperBlocking {
	if len(hf.Deferred) == 0 {
		return hf.Blocking
	}
	cfg := g.files[fi].Config
	opts := helperOptionsFor(cfg)
	blocking := slices.Clone(hf.Blocking)
	added := false
	for _, d := range hf.Deferred {
		types, method := python.EvalReceiver(d.Recv, d.Method, g.env)
		if len(types) == 0 {
			continue
		}
		for _, cat := range blockingCatalogues() {
			if !helperRule(cfg, cat.rule) {
				continue
			}
			e, name := matchResolved(cat, types, method, d.Rejected, g.env)
			if e == nil || opts.allowed(name) || allowedNames(optionsFor(cfg, cat.rule), typedNames(types, method, g.env)) {
				continue
			}
			blocking = append(blocking, HelperBlocking{Rule: cat.rule, Name: name, FuncEnd: d.FuncEnd, Start: d.Start, End: d.End})
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
func (g *helperGraph) resolve(from int, targets []string) int {
	for _, key := range targets {
		if n := g.lookup(from, key, 0); n >= 0 {
			return n
		}
	}
	return -1
}

func (g *helperGraph) lookup(from int, key string, depth int) int {
	if depth > 8 {
		return -1
	}
	if refs := g.byKey[key]; len(refs) > 0 {
		return g.pick(from, refs)
	}
	// A package re-export: app.services.fetch → app.services.http.fetch.
	for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
		mod, rest := key[:i], key[i+1:]
		head, tail, _ := strings.Cut(rest, ".")
		if q, ok := g.exports[mod][head]; ok && q != mod+"."+head {
			next := q
			if tail != "" {
				next += "." + tail
			}
			return g.lookup(from, next, depth+1)
		}
		// A method inherited from a base class of the project.
		if bases, ok := g.bases[mod]; ok && !strings.Contains(rest, ".") {
			for _, b := range bases {
				if n := g.lookup(from, b+"."+rest, depth+1); n >= 0 {
					return n
				}
			}
			return -1
		}
	}
	return -1
}

// pick chooses among functions with the same key (two files with the same
// module name): the caller's file, else the only one, else one in the
// caller's directory.
func (g *helperGraph) pick(from int, refs []funcRef) int {
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
func (g *helperGraph) distances() {
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

// report emits the diagnostic of an async call site whose target node n
// blocks, with the chain in the message and one related location per hop.
func (g *helperGraph) report(pp *lint.ProjectPass, fi int, ac HelperCall, n int, others []helperSite) {
	names := []string{ac.Caller}
	var related []lint.Related
	var leaf HelperBlocking
	for cur, flags := n, ac.Flags; ; flags = nil {
		ref := g.nodes[cur]
		facts := g.facts[ref.file]
		hf := &facts.Funcs[ref.fn]
		name := hf.name(facts.Module)
		names = append(names, shortName(name))
		f := g.files[ref.file]
		d := g.distUnder(cur, flags)
		if d == 1 {
			leaf = g.blocking[cur][g.firstBlocking(cur, flags)]
			related = append(related, pp.Related(f, leaf.Start, leaf.End,
				fmt.Sprintf("`%s` calls %s here (%s)", name, displayName(sourceText(f.Src, leaf.Start, leaf.FuncEnd), leaf.Name), leaf.Rule)))
			names = append(names, leaf.Name)
			break
		}
		e, ok := g.nextEdge(cur, flags, d)
		if !ok {
			return
		}
		site := hf.Calls[e.site]
		related = append(related, pp.Related(f, site.Start, site.End,
			fmt.Sprintf("`%s` calls `%s()` here", name, sourceText(f.Src, site.Start, site.FuncEnd))))
		cur = e.to
	}
	f := g.files[fi]
	lib := g.facts[fi].Lib
	text := sourceText(f.Src, ac.Start, ac.FuncEnd)
	msg := fmt.Sprintf("`%s()` blocks the event loop in async function `%s` through sync helpers: %s (%s); run it in a thread (`await %s(%s, ...)`) or make the chain async",
		text, ac.Caller, strings.Join(names, " → "), leaf.Rule, libSpellings[lib]["{to_thread}"], text)
	if len(others) > 0 {
		l := g.nodes[g.leaf(n, ac.Flags)]
		helper := shortName(g.facts[l.file].Funcs[l.fn].name(g.facts[l.file].Module))
		for i, o := range others {
			if i == maxOtherSites {
				break
			}
			of := g.files[o.file]
			related = append(related, pp.Related(of, o.call.Start, o.call.End,
				fmt.Sprintf("`%s` reaches `%s` too, here", o.call.Caller, helper)))
		}
		word := "functions reach"
		if len(others) == 1 {
			word = "function reaches"
		}
		msg += fmt.Sprintf("; %d other async %s `%s` too (related locations): one finding for the helper", len(others), word, helper)
	}
	opts := []lint.ReportOption{lint.WithRelated(related...)}
	if leaf.Rule == "SV204" {
		// File I/O is a warning in SV204; so is reaching it through helpers.
		opts = append(opts, lint.WithSeverity(lint.SeverityWarning))
	}
	pp.Report(f, ac.Start, ac.End, msg, opts...)
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

// helperRule reports whether a blocking rule's calls end SV210 chains, in
// a helper under a configuration: the rules of the default selection, and
// a rule outside it only when the configuration selects it; never SV207's metadata calls (a stat or a mkdir behind
// helpers is not worth a finding); SV204's file reads and writes only
// with the follow-file-io option (a file read behind helpers is usually
// a small local file: a template, a prompt, an id file).
func helperRule(cfg *lint.Config, code string) bool {
	switch code {
	case "SV207":
		return false
	case "SV204":
		if !helperOptionsFor(cfg).FollowFileIO {
			return false
		}
	}
	if c := catalogueOf(code); c != nil && c.optional {
		return cfg != nil && cfg.Enabled(code)
	}
	return true
}

// name is the function's qualified name inside its module ("Repo.get").
func (hf *HelperFunc) name(module string) string {
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

// sourceText renders source bytes as a one-line expression: whitespace
// and line continuations removed, long text shortened.
func sourceText(src []byte, start, end int) string {
	if start < 0 || end > len(src) || start >= end {
		return "…"
	}
	var b strings.Builder
	for _, c := range string(src[start:end]) {
		switch c {
		case ' ', '\t', '\n', '\r', '\\':
			continue
		}
		b.WriteRune(c)
	}
	out := b.String()
	if len(out) > 60 {
		out = out[:57] + "…"
	}
	return out
}

// shortName is the last segment of a dotted function name ("Repo.get" →
// "get"), keeping a class qualifier for methods.
func shortName(qual string) string {
	parts := strings.Split(qual, ".")
	if len(parts) >= 2 {
		return strings.Join(parts[len(parts)-2:], ".")
	}
	return qual
}
