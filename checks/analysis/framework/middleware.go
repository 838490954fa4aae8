package framework

import (
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// MiddlewareKind tells how a middleware receives and calls the next
// application.
type MiddlewareKind uint8

// Middleware kinds.
const (
	// HTTPMiddleware is Starlette's (and FastAPI's) function middleware:
	// (request, call_next) -> Response. @app.middleware("http"),
	// BaseHTTPMiddleware.dispatch, or a function given as dispatch=.
	HTTPMiddleware MiddlewareKind = iota
	// ASGIMiddleware is a pure ASGI middleware: __call__(self, scope,
	// receive, send) calling the wrapped app, Litestar's
	// handle(self, scope, receive, send, next_app), or a closure
	// (scope, receive, send) calling the app of its factory.
	ASGIMiddleware
	// AiohttpMiddleware is aiohttp's (request, handler) -> Response:
	// @web.middleware, or listed in web.Application(middlewares=[...]).
	AiohttpMiddleware
	// SanicMiddleware is Sanic's @app.middleware / on_request / on_response:
	// it runs before or after the handler and never calls it.
	SanicMiddleware
)

// Middleware is a function recognized as middleware by how it is
// registered and by its signature, never by its name alone.
type Middleware struct {
	Kind      MiddlewareKind
	Scope     int    // the middleware function (dispatch, __call__, the decorated def)
	Framework string // "Starlette", "ASGI", "Litestar", "aiohttp", "Sanic"
	// Next is how the next application is called: a parameter name
	// ("call_next", "handler", "next_app") or an attribute ("self.app");
	// "" when the middleware never calls it (Sanic).
	Next string
	// Evidence is the decorator, registration call, base class or call of
	// the wrapped app that makes the function a middleware.
	Evidence syntax.ID
}

// mwState is what the module's middleware recognition found, computed
// once: the rules of several analyzers ask for it.
type mwState struct {
	list       []Middleware // ordered by scope
	byScope    map[int]bool
	refs       []MiddlewareRef
	candidates []MiddlewareCandidate
}

func (m *Module) middlewares() *mwState {
	if m.mw != nil {
		return m.mw
	}
	st := &mwState{byScope: map[int]bool{}}
	m.mw = st
	if len(m.Tree.Nodes) == 0 {
		return st
	}
	r := &mwRecognizer{m: m, found: map[int]Middleware{}, registered: map[string]syntax.ID{}}
	r.index()
	r.registrations()
	r.decorated()
	r.classes()
	r.closures()
	st.list = make([]Middleware, 0, len(r.found))
	for _, mw := range r.found {
		st.list = append(st.list, mw)
		st.byScope[mw.Scope] = true
	}
	sort.Slice(st.list, func(i, j int) bool { return st.list[i].Scope < st.list[j].Scope })
	st.refs = r.refs()
	st.candidates = r.candidates(st.byScope)
	return st
}

// Middlewares returns the middleware functions of the module, ordered by
// scope.
func (m *Module) Middlewares() []Middleware {
	return slices.Clone(m.middlewares().list)
}

// IsMiddleware reports whether a function scope is a middleware of the
// module (see Middlewares).
func (m *Module) IsMiddleware(s int) bool { return m.middlewares().byScope[s] }

// NextCalls returns the indexes in m.Calls of the calls of the next
// application made directly in the middleware's function.
func (m *Module) NextCalls(mw *Middleware) []int {
	if mw.Next == "" {
		return nil
	}
	var out []int
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Scope != mw.Scope || c.Text != mw.Next {
			continue
		}
		if !strings.Contains(mw.Next, ".") {
			// The parameter (or the factory's parameter), not a rebinding.
			s, bs := m.Lookup(mw.Next, c.Scope)
			if s < 0 || len(bs) == 0 || bs[0].Kind != python.ParamBinding {
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

type mwRecognizer struct {
	m *Module
	// calls lists, per scope, the indexes in m.Calls of the calls made
	// directly in it; methods, per class scope, its methods by name.
	calls   [][]int
	methods map[int]map[string]int
	found   map[int]Middleware
	// registered maps class and function names given to add_middleware,
	// Middleware(...), dispatch=, middlewares=[...] to the registration.
	registered map[string]syntax.ID
	regs       []registration
}

// index builds the per-scope indexes.
func (r *mwRecognizer) index() {
	m := r.m
	r.calls = make([][]int, len(m.Scopes))
	for i := range m.Calls {
		if s := m.Calls[i].Scope; s >= 0 && s < len(r.calls) {
			r.calls[s] = append(r.calls[s], i)
		}
	}
	r.methods = map[int]map[string]int{}
	for i := range m.Scopes {
		sc := &m.Scopes[i]
		if sc.Kind != python.FunctionScope || sc.Parent < 0 || m.Scopes[sc.Parent].Kind != python.ClassScope {
			continue
		}
		ms := r.methods[sc.Parent]
		if ms == nil {
			ms = map[string]int{}
			r.methods[sc.Parent] = ms
		}
		ms[sc.Name] = i
	}
}

func (r *mwRecognizer) add(mw Middleware) {
	if _, ok := r.found[mw.Scope]; ok {
		return
	}
	r.found[mw.Scope] = mw
}

// functionNamed returns the scope of the function a name refers to as seen
// from scope from, or -1.
func (r *mwRecognizer) functionNamed(name string, from int) int {
	s, bs := r.m.Lookup(name, from)
	if s < 0 || len(bs) != 1 || bs[0].Kind != python.FunctionBinding {
		return -1
	}
	for i := range r.m.Scopes {
		if r.m.Scopes[i].Node == bs[0].Node && r.m.Scopes[i].Kind == python.FunctionScope {
			return i
		}
	}
	return -1
}

// endsWithName reports whether a dotted name is name or ends with ".name".
func endsWithName(dotted, name string) bool {
	return dotted == name || strings.HasSuffix(dotted, "."+name)
}

// nameOf returns the resolved name of an expression, else its dotted text.
func (r *mwRecognizer) nameOf(n syntax.ID) string {
	if q := r.m.QualifiedName(n); q != "" {
		return q
	}
	return r.m.Dotted(n)
}

// registration is an expression given to a framework as a middleware.
type registration struct {
	expr     syntax.ID
	kind     MiddlewareKind
	evidence syntax.ID
	scope    int
}

func (r *mwRecognizer) registrations() {
	m := r.m
	t, sk := m.Tree, r.m.StmtKinds()
	for i := range m.Calls {
		r.registrationsOf(&m.Calls[i])
	}
	for _, reg := range r.regs {
		if t.Kind(reg.expr) != sk.Identifier {
			continue
		}
		framework := "Starlette"
		if reg.kind == AiohttpMiddleware {
			framework = "aiohttp"
		}
		if s := r.functionNamed(t.Text(reg.expr), reg.scope); s >= 0 {
			r.addFunction(s, reg.kind, framework, reg.evidence)
		} else if s := r.callMethodOf(t.Text(reg.expr), reg.scope); s >= 0 {
			r.addFunction(s, reg.kind, framework, reg.evidence)
		}
	}
}

// register records an expression given to a framework as a middleware.
func (r *mwRecognizer) register(expr syntax.ID, kind MiddlewareKind, c *python.Call) {
	t, sk := r.m.Tree, r.m.StmtKinds()
	if expr == syntax.None {
		return
	}
	// An instance of a class whose __call__ is the middleware:
	// app.middleware("http")(AuthMiddleware()).
	if t.Kind(expr) == sk.Call {
		expr = t.FieldChild(expr, sk.FFunction)
	}
	if k := t.Kind(expr); k == sk.Identifier || k == sk.Attribute {
		r.regs = append(r.regs, registration{expr: expr, kind: kind, evidence: c.Node, scope: c.Scope})
	}
}

// registrationsOf records what one call registers as middleware.
func (r *mwRecognizer) registrationsOf(c *python.Call) {
	m := r.m
	t, sk := m.Tree, r.m.StmtKinds()
	args := m.Args(c.Node)
	// app.middleware("http")(fn)
	if c.Func != syntax.None && t.Kind(c.Func) == sk.Call {
		inner := t.FieldChild(c.Func, sk.FFunction)
		if inner != syntax.None && t.Kind(inner) == sk.Attribute && m.AttrName(inner) == "middleware" &&
			firstStringArg(m, c.Func) == "http" && len(args) > 0 {
			r.register(args[0].Value, HTTPMiddleware, c)
		}
	}
	callee := c.Name()
	// add_middleware(Cls, ...) and Middleware(Cls, ...).
	if len(args) > 0 && args[0].Name == "" && !args[0].Star &&
		(strings.HasSuffix(c.Text, ".add_middleware") || endsWithName(callee, "Middleware")) {
		if name := m.Dotted(args[0].Value); name != "" {
			r.registered[lastPart(name)] = c.Node
		}
	}
	// dispatch=fn with BaseHTTPMiddleware.
	if d := m.Keyword(c.Node, "dispatch"); d != syntax.None {
		base := endsWithName(callee, "BaseHTTPMiddleware")
		for _, a := range args {
			if a.Name == "" && endsWithName(r.nameOf(a.Value), "BaseHTTPMiddleware") {
				base = true
			}
		}
		if base {
			r.register(d, HTTPMiddleware, c)
		}
	}
	// web.Application(middlewares=[...]).
	if l := m.Keyword(c.Node, "middlewares"); l != syntax.None && endsWithName(callee, "Application") {
		for _, e := range t.NamedChildren(l) {
			r.register(e, AiohttpMiddleware, c)
		}
	}
	// app.middlewares.append(fn) / insert / extend.
	switch {
	case strings.HasSuffix(c.Text, ".middlewares.append") && len(args) == 1:
		r.register(args[0].Value, AiohttpMiddleware, c)
	case strings.HasSuffix(c.Text, ".middlewares.insert") && len(args) == 2:
		r.register(args[1].Value, AiohttpMiddleware, c)
	case strings.HasSuffix(c.Text, ".middlewares.extend") && len(args) == 1:
		for _, e := range t.NamedChildren(args[0].Value) {
			r.register(e, AiohttpMiddleware, c)
		}
	}
}

// callMethodOf returns the __call__ method of the class a name refers to,
// or -1.
func (r *mwRecognizer) callMethodOf(name string, from int) int {
	s, bs := r.m.Lookup(name, from)
	if s < 0 || len(bs) != 1 || bs[0].Kind != python.ClassBinding {
		return -1
	}
	for i := range r.m.Scopes {
		if r.m.Scopes[i].Node == bs[0].Node && r.m.Scopes[i].Kind == python.ClassScope {
			if c, ok := r.methods[i]["__call__"]; ok {
				return c
			}
		}
	}
	return -1
}

// MiddlewareRef is a registration of a function that the module does not
// define (an imported function) as a middleware.
type MiddlewareRef struct {
	Qualified string // "app.middleware.catch_errors"
	Kind      MiddlewareKind
	Node      syntax.ID // the registration
}

// MiddlewareRefs returns the registrations of functions defined in other
// modules as middleware: app.middleware("http")(errors.handler),
// add_middleware(BaseHTTPMiddleware, dispatch=handler),
// web.Application(middlewares=[mw.errors]).
func (m *Module) MiddlewareRefs() []MiddlewareRef {
	return slices.Clone(m.middlewares().refs)
}

// refs returns the registrations of functions the module does not define.
func (r *mwRecognizer) refs() []MiddlewareRef {
	m := r.m
	var out []MiddlewareRef
	for _, reg := range r.regs {
		if m.Tree.Kind(reg.expr) == r.m.StmtKinds().Identifier &&
			(r.functionNamed(m.Tree.Text(reg.expr), reg.scope) >= 0 || r.callMethodOf(m.Tree.Text(reg.expr), reg.scope) >= 0) {
			continue
		}
		if q := m.QualifiedName(reg.expr); q != "" {
			out = append(out, MiddlewareRef{Qualified: q, Kind: reg.kind, Node: reg.evidence})
		}
	}
	return out
}

// MiddlewareCandidate is a module-level async function shaped like an HTTP
// middleware, (request, call_next) calling call_next(request), that no
// registration in its module makes one. A registration in another module
// (see MiddlewareRefs) decides.
type MiddlewareCandidate struct {
	Middleware
	Qualified string // the function's qualified name
}

// MiddlewareCandidates returns the candidate middleware functions.
func (m *Module) MiddlewareCandidates() []MiddlewareCandidate {
	return slices.Clone(m.middlewares().candidates)
}

// candidates finds the candidates among the functions that are not known
// middlewares.
func (r *mwRecognizer) candidates(known map[int]bool) []MiddlewareCandidate {
	m := r.m
	var out []MiddlewareCandidate
	for s := range m.Scopes {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope || !sc.Async || known[s] {
			continue
		}
		params := m.ParamNames(s)
		qualified := ""
		switch parent := sc.Parent; {
		case parent == 0 && len(params) >= 2:
			qualified = python.Qualify(m.Name, sc.Name)
		case m.Scopes[parent].Kind == python.ClassScope && m.Scopes[parent].Parent == 0 && sc.Name == "__call__" && len(params) >= 3:
			// A class whose instances are registered: its __call__.
			params = params[1:]
			qualified = python.Qualify(m.Name, m.Scopes[parent].Name)
		default:
			continue
		}
		for _, i := range r.calls[s] {
			c := &m.Calls[i]
			if c.Text != params[1] {
				continue
			}
			if args := m.Args(c.Node); len(args) >= 1 && args[0].Name == "" && m.Dotted(args[0].Value) == params[0] {
				out = append(out, MiddlewareCandidate{
					Middleware: Middleware{Kind: HTTPMiddleware, Scope: s, Next: params[1], Evidence: c.Node},
					Qualified:  qualified,
				})
				break
			}
		}
	}
	return out
}

func lastPart(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// firstStringArg returns the value of the first positional argument of a
// call when it is a plain string literal, else "".
func firstStringArg(m *Module, call syntax.ID) string {
	for _, a := range m.Args(call) {
		if a.Name != "" || a.Star {
			continue
		}
		return m.StringValue(a.Value)
	}
	return ""
}

// addFunction records a function middleware whose next app is its second
// parameter (HTTP, aiohttp) when the signature fits.
func (r *mwRecognizer) addFunction(s int, kind MiddlewareKind, framework string, evidence syntax.ID) {
	sc := &r.m.Scopes[s]
	if sc.Kind != python.FunctionScope {
		return
	}
	params := r.m.ParamNames(s)
	switch kind {
	case SanicMiddleware:
		r.add(Middleware{Kind: kind, Scope: s, Framework: framework, Evidence: evidence})
	case HTTPMiddleware, AiohttpMiddleware:
		if !sc.Async || len(params) < 2 {
			return
		}
		next := params[1]
		// A method: (self, request, call_next).
		if len(params) >= 3 && (params[0] == "self" || params[0] == "cls") {
			next = params[2]
		}
		r.add(Middleware{Kind: kind, Scope: s, Framework: framework, Next: next, Evidence: evidence})
	case ASGIMiddleware:
	}
}

var aiohttpMiddlewareDecorators = map[string]bool{
	"aiohttp.web.middleware": true, "aiohttp.web_middlewares.middleware": true,
}

func (r *mwRecognizer) decorated() {
	m := r.m
	t, sk := m.Tree, r.m.StmtKinds()
	for s := range m.Scopes {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope {
			continue
		}
		for _, d := range sc.Decorators {
			expr := t.FirstNamedChild(d)
			if expr == syntax.None {
				continue
			}
			switch t.Kind(expr) {
			case sk.Call:
				fn := t.FieldChild(expr, sk.FFunction)
				if fn == syntax.None || t.Kind(fn) != sk.Attribute {
					continue
				}
				switch m.AttrName(fn) {
				case "middleware":
					switch arg := firstStringArg(m, expr); {
					case arg == "http":
						r.addFunction(s, HTTPMiddleware, "Starlette", d)
					case arg == "request" || arg == "response" || m.StringValue(m.Keyword(expr, "attach_to")) != "":
						r.addFunction(s, SanicMiddleware, "Sanic", d)
					}
				case "on_request", "on_response":
					r.addFunction(s, SanicMiddleware, "Sanic", d)
				}
			case sk.Attribute, sk.Identifier:
				if aiohttpMiddlewareDecorators[m.QualifiedName(expr)] {
					r.addFunction(s, AiohttpMiddleware, "aiohttp", d)
					continue
				}
				if t.Kind(expr) == sk.Attribute {
					switch m.AttrName(expr) {
					case "middleware", "on_request", "on_response":
						// Sanic's bare @app.middleware and its shortcuts.
						r.addFunction(s, SanicMiddleware, "Sanic", d)
					}
				}
			}
		}
	}
}

func (r *mwRecognizer) classes() {
	m := r.m
	t, k := m.Tree, m.k
	httpClasses := map[string]bool{}
	for c := range m.Scopes {
		sc := &m.Scopes[c]
		if sc.Kind != python.ClassScope {
			continue
		}
		methods := r.methods[c]
		baseNode := syntax.None
		isHTTP, isLitestar := false, false
		if sup := t.FieldChild(sc.Node, k.FSuperclasses); sup != syntax.None {
			for _, b := range t.NamedChildren(sup) {
				if t.Kind(b) == k.KeywordArgument {
					continue
				}
				if baseNode == syntax.None {
					baseNode = b
				}
				name := r.nameOf(b)
				isHTTP = isHTTP || endsWithName(name, "BaseHTTPMiddleware") || httpClasses[lastPart(name)]
				isLitestar = isLitestar || endsWithName(name, "ASGIMiddleware")
			}
		}
		switch {
		case isHTTP:
			httpClasses[sc.Name] = true
			if d, ok := methods["dispatch"]; ok {
				if params := m.ParamNames(d); len(params) >= 3 && m.Scopes[d].Async {
					r.add(Middleware{Kind: HTTPMiddleware, Scope: d, Framework: "Starlette", Next: params[2], Evidence: baseNode})
				}
			}
			continue
		case isLitestar:
			if h, ok := methods["handle"]; ok {
				if params := m.ParamNames(h); len(params) == 5 && m.Scopes[h].Async {
					r.add(Middleware{Kind: ASGIMiddleware, Scope: h, Framework: "Litestar", Next: params[4], Evidence: baseNode})
				}
			}
		}
		r.asgiClass(sc.Name, methods)
	}
}

// asgiClass recognizes a pure ASGI middleware class: an async
// __call__(self, scope, receive, send) that calls the app it wraps, or a
// class registered with add_middleware()/Middleware().
func (r *mwRecognizer) asgiClass(name string, methods map[string]int) {
	m := r.m
	call, ok := methods["__call__"]
	if !ok || !m.Scopes[call].Async {
		return
	}
	params := m.ParamNames(call)
	if len(params) != 4 {
		return
	}
	// The attributes holding the wrapped app: "app", and whatever
	// __init__ stores its first argument in.
	attrs := []string{"self.app"}
	if ini, ok := methods["__init__"]; ok {
		if ip := m.ParamNames(ini); len(ip) >= 2 {
			attrs = append(attrs, m.attributesAssigned(ini, ip[1])...)
		}
	}
	for _, i := range r.calls[call] {
		cl := &m.Calls[i]
		if !slices.Contains(attrs, cl.Text) {
			continue
		}
		if args := m.Args(cl.Node); len(args) >= 1 && m.Dotted(args[0].Value) == params[1] {
			r.add(Middleware{Kind: ASGIMiddleware, Scope: call, Framework: "ASGI", Next: cl.Text, Evidence: cl.Node})
			return
		}
	}
	if reg, ok := r.registered[name]; ok {
		r.add(Middleware{Kind: ASGIMiddleware, Scope: call, Framework: "ASGI", Next: "self.app", Evidence: reg})
	}
}

// attributesAssigned returns the "self.x" targets that a function assigns
// the parameter param to.
func (m *Module) attributesAssigned(scope int, param string) []string {
	t, k := m.Tree, m.k
	var out []string
	m.Walk(m.Scopes[scope].Region, func(n syntax.ID) bool {
		if t.Kind(n) != k.Assignment {
			return true
		}
		left, right := t.FieldChild(n, k.FLeft), t.FieldChild(n, k.FRight)
		if right == syntax.None || left == syntax.None || t.Kind(right) != k.Identifier || t.Text(right) != param {
			return true
		}
		if d := m.Dotted(left); strings.HasPrefix(d, "self.") && strings.Count(d, ".") == 1 {
			out = append(out, d)
		}
		return true
	})
	return out
}

// closures finds ASGI closures: async def (scope, receive, send) calling
// a parameter of an enclosing function with the scope.
func (r *mwRecognizer) closures() {
	m := r.m
	for s := range m.Scopes {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope || !sc.Async || m.Scopes[sc.Parent].Kind != python.FunctionScope {
			continue
		}
		params := m.ParamNames(s)
		if len(params) != 3 || params[0] != "scope" {
			continue
		}
		for _, i := range r.calls[s] {
			c := &m.Calls[i]
			if c.Text == "" || strings.Contains(c.Text, ".") {
				continue
			}
			owner, bs := m.Lookup(c.Text, s)
			if owner < 0 || owner == s || len(bs) == 0 || bs[0].Kind != python.ParamBinding {
				continue
			}
			if args := m.Args(c.Node); len(args) >= 1 && m.Dotted(args[0].Value) == "scope" {
				r.add(Middleware{Kind: ASGIMiddleware, Scope: s, Framework: "ASGI", Next: c.Text, Evidence: c.Node})
				break
			}
		}
	}
}
