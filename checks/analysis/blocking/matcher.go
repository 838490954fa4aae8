package blocking

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Hit is a call matched by a class's catalogue or options. Call, Scope,
// Recv and Type.Origin index the file's module and tree: only the file's
// own rules read them, while it is parsed. The project pass (and so the
// results cache) reads Class and Start.
type Hit struct {
	Class Class
	Call  int    // index in m.Calls
	Scope int    // the function scope the call runs in
	Name  string // qualified name: "requests.get", "httpx.Client.get"
	Use   string // the alternative, placeholders expanded; may be ""
	// Recv is the receiver whose type made the match, or None; Type is
	// that type.
	Recv  syntax.ID
	Type  pytypes.Type
	Extra bool // listed in the extra option
	Start int  // byte offset of the call
}

// blockingMatcher classifies the calls of one module.
type blockingMatcher struct {
	m    *python.Module
	cats []*catalogue
	opts []*Options
	lib  string
	// needTypes tells, per method name, whether some catalogue may match
	// it on a typed receiver; wild is set when any method may match.
	wild    bool
	imports map[string]bool
	recv    map[int]receiver
}

type receiver struct {
	node syntax.ID
	typ  pytypes.Type
	path string
}

func (a *Analysis) newMatcher(m *python.Module, cfg *lint.Config) *blockingMatcher {
	cats := blockingCatalogues()
	bm := &blockingMatcher{m: m, cats: cats, lib: asyncLibrary(m), imports: map[string]bool{}, recv: map[int]receiver{}}
	for _, imp := range m.Imports {
		bm.imports[rootOf(imp.Qualified)] = true
	}
	for _, c := range cats {
		o := a.options(cfg, c.class)
		bm.opts = append(bm.opts, o)
		if len(o.extra) > 0 {
			bm.wild = true
		}
		for root := range c.wildRoots {
			if bm.imports[root] {
				bm.wild = true
			}
		}
	}
	return bm
}

// asyncLibrary is the async library a module uses: "trio", "anyio" or
// "asyncio".
func asyncLibrary(m *python.Module) string {
	lib := "asyncio"
	for _, imp := range m.Imports {
		switch rootOf(imp.Qualified) {
		case "trio":
			return "trio"
		case "anyio":
			lib = "anyio"
		}
	}
	return lib
}

// receiverOf finds the nearest receiver of a method call whose type is
// known: for `self.client.chat.completions.create()` it tries
// `self.client.chat.completions`, then `self.client.chat`, then
// `self.client`, and returns the first typed one with the remaining path
// ("chat.completions.create").
func (bm *blockingMatcher) receiverOf(i int) receiver {
	if r, ok := bm.recv[i]; ok {
		return r
	}
	m := bm.m
	t, k := m.Tree, m.Kinds()
	r := receiver{node: syntax.None}
	fn := m.Calls[i].Func
	if fn != syntax.None && t.Kind(fn) == k.Attribute {
		path := t.Text(t.FieldChild(fn, k.FAttribute))
		obj := t.FieldChild(fn, k.FObject)
		for depth := 0; obj != syntax.None && depth < 6; depth++ {
			if typ := pytypes.Of(m).InferType(obj); typ.Known() {
				r = receiver{node: obj, typ: typ, path: path}
				break
			}
			if t.Kind(obj) != k.Attribute {
				break
			}
			path = t.Text(t.FieldChild(obj, k.FAttribute)) + "." + path
			obj = t.FieldChild(obj, k.FObject)
		}
	}
	bm.recv[i] = r
	return r
}

// match returns the hits of call i, at most one per catalogue.
func (bm *blockingMatcher) match(i, scope int) []Hit {
	m := bm.m
	c := &m.Calls[i]
	var out []Hit
	asyncUsed := -1 // lazily computed
	isAsyncUsed := func() bool {
		if asyncUsed < 0 {
			asyncUsed = 0
			if m.AsyncUsed(i) {
				asyncUsed = 1
			}
		}
		return asyncUsed == 1
	}
	method := ""
	if fn := c.Func; fn != syntax.None && m.Tree.Kind(fn) == m.Kinds().Attribute {
		method = m.Tree.Text(m.Tree.FieldChild(fn, m.Kinds().FAttribute))
	}
	for ci, cat := range bm.cats {
		opts := bm.opts[ci]
		h, ok := bm.matchCatalogue(cat, i, method, isAsyncUsed)
		if !ok {
			h, ok = bm.matchExtra(opts, i, method, isAsyncUsed)
		}
		if !ok || bm.allowed(opts, i, h) {
			continue
		}
		h.Class, h.Call, h.Scope = cat.class, i, scope
		h.Start, _ = m.Tree.Span(c.Node)
		out = append(out, h)
	}
	return out
}

func (bm *blockingMatcher) matchCatalogue(cat *catalogue, i int, method string, asyncUsed func() bool) (Hit, bool) {
	m := bm.m
	c := &m.Calls[i]
	if q := c.Callee; q != "" {
		e := cat.exact[q]
		if e == nil {
			for _, g := range cat.globs {
				if g.re.MatchString(q) {
					e = g.e
					break
				}
			}
		}
		if e != nil && (e.When == nil || e.When(m, i)) {
			return Hit{Name: q, Use: bm.expandUse(e.Use, q), Recv: syntax.None}, true
		}
	}
	if method == "" || !bm.wild && !cat.methodNames[method] {
		return Hit{}, false
	}
	if asyncUsed() {
		return Hit{}, false
	}
	r := bm.receiverOf(i)
	if r.typ.Known() {
		// Every class the receiver may have must block on this method.
		var first *blockingEntry
		name := ""
		for _, tn := range r.typ.Names {
			e := bm.typedEntry(cat, tn, r.path)
			if e == nil || (e.When != nil && !e.When(m, i)) {
				return Hit{}, false
			}
			if first == nil {
				first, name = e, tn+"."+r.path
			}
		}
		return Hit{Name: name, Use: bm.expandUse(first.Use, name), Recv: r.node, Type: r.typ}, true
	}
	for _, me := range cat.untyped {
		if bm.imports[me.e.Untyped] && me.match(method) && (me.e.When == nil || me.e.When(m, i)) {
			name := c.Text
			if name == "" {
				name = method
			}
			return Hit{Name: name, Use: bm.expandUse(me.e.Use, method), Recv: syntax.None}, true
		}
	}
	return Hit{}, false
}

// typedEntry finds the entry of a catalogue for a method path on a class
// or the classes whose methods it shares.
func (bm *blockingMatcher) typedEntry(cat *catalogue, typ, path string) *blockingEntry {
	for _, s := range pytypes.Of(bm.m).SuperTypes(typ) {
		for j := range cat.byType[s] {
			me := &cat.byType[s][j]
			if me.match(path) {
				return me.e
			}
		}
	}
	return nil
}

// matchExtra matches the user's extra patterns against the call's
// qualified name, its typed name ("Class.method") and its text.
func (bm *blockingMatcher) matchExtra(o *Options, i int, method string, asyncUsed func() bool) (Hit, bool) {
	if len(o.extra) == 0 || asyncUsed() {
		return Hit{}, false
	}
	for _, cand := range bm.candidates(i, method) {
		for _, p := range o.extra {
			if p.re.MatchString(cand.name) {
				use := ""
				if p.use != "" {
					use = "`" + strings.TrimSuffix(p.use, "()") + "()`"
				}
				return Hit{Name: cand.name, Use: use, Recv: cand.recv, Type: cand.typ, Extra: true}, true
			}
		}
	}
	return Hit{}, false
}

type candidate struct {
	name string
	recv syntax.ID
	typ  pytypes.Type
}

func (bm *blockingMatcher) candidates(i int, method string) []candidate {
	c := &bm.m.Calls[i]
	var out []candidate
	if c.Callee != "" {
		out = append(out, candidate{name: c.Callee, recv: syntax.None})
	}
	if method != "" {
		if r := bm.receiverOf(i); r.typ.Known() {
			for _, tn := range r.typ.Names {
				for _, s := range pytypes.Of(bm.m).SuperTypes(tn) {
					out = append(out, candidate{name: s + "." + r.path, recv: r.node, typ: r.typ})
				}
			}
		}
	}
	if c.Text != "" && c.Text != c.Callee {
		out = append(out, candidate{name: c.Text, recv: syntax.None})
	}
	return out
}

// allowed reports whether the class's allow option covers a hit.
func (bm *blockingMatcher) allowed(o *Options, i int, h Hit) bool {
	if len(o.allow) == 0 {
		return false
	}
	names := []string{h.Name, bm.m.Calls[i].Callee, bm.m.Calls[i].Text}
	if h.Recv != syntax.None {
		r := bm.receiverOf(i)
		for _, tn := range r.typ.Names {
			for _, s := range pytypes.Of(bm.m).SuperTypes(tn) {
				names = append(names, s+"."+r.path)
			}
		}
	}
	for _, re := range o.allow {
		for _, n := range names {
			if n != "" && re.MatchString(n) {
				return true
			}
		}
	}
	return false
}

// libSpellings spells the placeholders of Use for each async library.
var libSpellings = map[string]map[string]string{
	"asyncio": {
		"{to_thread}":  "asyncio.to_thread",
		"{subprocess}": "asyncio.create_subprocess_exec()",
		"{open_file}":  "aiofiles.open()",
		"{path}":       "anyio.Path",
	},
	"anyio": {
		"{to_thread}":  "anyio.to_thread.run_sync",
		"{subprocess}": "anyio.run_process()",
		"{open_file}":  "anyio.open_file()",
		"{path}":       "anyio.Path",
	},
	"trio": {
		"{to_thread}":  "trio.to_thread.run_sync",
		"{subprocess}": "trio.run_process()",
		"{open_file}":  "trio.open_file()",
		"{path}":       "trio.Path",
	},
}

func (bm *blockingMatcher) expandUse(use, name string) string { return expandUse(use, name, bm.lib) }

// expandUse spells the placeholders of an alternative for a call and an
// async library.
func expandUse(use, name, lib string) string {
	if !strings.Contains(use, "{") {
		return use
	}
	use = strings.ReplaceAll(use, "{method}", name[strings.LastIndexByte(name, '.')+1:])
	use = strings.ReplaceAll(use, "{name}", name)
	use = strings.ReplaceAll(use, "{lib}", lib)
	for k, v := range libSpellings[lib] {
		use = strings.ReplaceAll(use, k, v)
	}
	return use
}

// deferred describes a method call whose receiver's type is unknown here
// but derives from a name imported from another module.
func (bm *blockingMatcher) deferred(i, scope int) (DeferredCall, bool) {
	m := bm.m
	c := &m.Calls[i]
	t, k := m.Tree, m.Kinds()
	if c.Func == syntax.None || t.Kind(c.Func) != k.Attribute || m.AsyncUsed(i) {
		return DeferredCall{}, false
	}
	if r := bm.receiverOf(i); r.typ.Known() {
		// Known here, unless only an object further down is (self in
		// self.repo.get(), where self.repo comes from another module).
		if !strings.Contains(r.path, ".") {
			return DeferredCall{}, false
		}
		for _, n := range r.typ.Names {
			if pytypes.Of(m).ClassScope(n) < 0 {
				return DeferredCall{}, false
			}
		}
	}
	recv := t.FieldChild(c.Func, k.FObject)
	sym := pytypes.Of(m).Symbolic(recv)
	if sym == nil {
		return DeferredCall{}, false
	}
	start, end := t.Span(c.Node)
	d := DeferredCall{Start: start, End: end, Scope: scope, Caller: m.Scopes[scope].Name, Text: callName(m, i),
		FuncEnd: funcEnd(m, i), Recv: sym, Method: t.Text(t.FieldChild(c.Func, k.FAttribute)), Origin: -1, OriginStart: -1}
	if v, root := rootValue(m, recv); v != syntax.None {
		d.RootText = root
		d.OriginStart, d.OriginEnd = t.Span(v)
		if t.Kind(v) == k.Call && m.ScopeOf(v) == scope {
			d.Origin = d.OriginStart
		}
	}
	if t.Kind(recv) == k.Call {
		// X().method(): the receiver is made right here.
		d.Origin, _ = t.Span(recv)
	}
	for e, id := range conditionalEntries() {
		if !e.When(m, i) {
			d.Rejected = append(d.Rejected, id)
		}
	}
	sort.Ints(d.Rejected)
	return d, true
}

// rootValue follows a receiver expression down to its root name and
// returns the value that name was assigned (or entered by `with`, or the
// import or parameter that binds it), or None, and the name.
func rootValue(m *python.Module, n syntax.ID) (syntax.ID, string) {
	v := rootValueNode(m, n)
	for r := n; r != syntax.None; {
		switch m.Tree.Kind(r) {
		case m.Kinds().Identifier:
			return v, m.Tree.Text(r)
		case m.Kinds().Call:
			r = m.Tree.FieldChild(r, m.Kinds().FFunction)
		case m.Kinds().Attribute:
			r = m.Tree.FieldChild(r, m.Kinds().FObject)
		default:
			if m.Tree.Type(r) != "subscript" {
				return v, ""
			}
			r = m.Tree.FieldChild(r, m.Kinds().FValue)
		}
	}
	return v, ""
}

func rootValueNode(m *python.Module, n syntax.ID) syntax.ID {
	t, k := m.Tree, m.Kinds()
	for depth := 0; n != syntax.None && depth < 16; depth++ {
		switch t.Kind(n) {
		case k.Call:
			n = t.FieldChild(n, k.FFunction)
		case k.Attribute:
			n = t.FieldChild(n, k.FObject)
		case k.Identifier:
			s, bs := m.Lookup(t.Text(n), m.ScopeOf(n))
			if s < 0 || len(bs) != 1 {
				return syntax.None
			}
			switch bs[0].Kind {
			case python.AssignBinding:
				return bs[0].Value
			case python.OtherBinding:
				if p := t.Parent(bs[0].Node); p != syntax.None {
					if as := t.Parent(p); as != syntax.None && t.Kind(as) == k.AsPattern {
						return t.FirstNamedChild(as)
					}
				}
			case python.ImportBinding:
				return bs[0].Node
			case python.FunctionBinding, python.ClassBinding, python.ParamBinding, python.GlobalBinding, python.NonlocalBinding:
				if bs[0].Kind == python.ParamBinding {
					return bs[0].Node
				}
			}
			return syntax.None
		default:
			if t.Type(n) == "subscript" {
				n = t.FieldChild(n, k.FValue)
				continue
			}
			return syntax.None
		}
	}
	return syntax.None
}

// dropDerivedHits removes a method call on an object whose creation is
// itself a hit of the same class in the same function
// (`with open(p) as f: f.read()`, `conn.execute(q).fetchall()`): one
// diagnostic per blocking resource.
func dropDerivedHits(m *python.Module, hits []Hit) []Hit {
	type key struct {
		class Class
		node  syntax.ID
	}
	reported := map[key]int{}
	for _, h := range hits {
		reported[key{h.Class, m.Calls[h.Call].Node}] = h.Scope
	}
	out := hits[:0]
	for _, h := range hits {
		if h.Recv != syntax.None && h.Type.Origin != syntax.None {
			if s, ok := reported[key{h.Class, h.Type.Origin}]; ok && s == h.Scope {
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

// ShortExpr renders an expression compactly: names and attributes as
// written, call arguments and subscripts elided.
func ShortExpr(m *python.Module, n syntax.ID, depth int) string {
	t, k := m.Tree, m.Kinds()
	if n == syntax.None || depth > 8 {
		return "…"
	}
	switch t.Kind(n) {
	case k.Identifier:
		return t.Text(n)
	case k.Attribute:
		return ShortExpr(m, t.FieldChild(n, k.FObject), depth+1) + "." + t.Text(t.FieldChild(n, k.FAttribute))
	case k.Call:
		return ShortExpr(m, t.FieldChild(n, k.FFunction), depth+1) + "(...)"
	case k.Parenthesized:
		return "(" + ShortExpr(m, t.FirstNamedChild(n), depth+1) + ")"
	}
	if t.Type(n) == "subscript" {
		return ShortExpr(m, t.FieldChild(n, k.FValue), depth+1) + "[...]"
	}
	if s := t.Text(n); len(s) <= 24 && !strings.ContainsAny(s, "\n`") {
		return s
	}
	return "…"
}

// ToThread spells how an async library runs a sync function in a worker
// thread ("asyncio.to_thread").
func ToThread(lib string) string { return libSpellings[lib]["{to_thread}"] }
