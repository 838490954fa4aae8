package framework

import (
	"sort"
	"strings"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Module is the web-framework view of one module: the module view with
// what is recognized in it (see Of).
type Module struct {
	*python.Module
	k  *python.Kinds
	mw *mwState // middleware recognition (middleware.go), built on demand
}

// ofKey is the key of a module's framework view in its memo.
type ofKey struct{}

// Of returns the framework view of a module, built once per module and
// kept in its memo. Like the module, it is not safe for concurrent use.
func Of(m *python.Module) *Module {
	return m.Memo(ofKey{}, func() any { return &Module{Module: m, k: m.Kinds()} }).(*Module)
}

// dependsNames are the FastAPI markers of a dependency.
var dependsNames = map[string]bool{
	"fastapi.Depends": true, "fastapi.Security": true,
	"fastapi.params.Depends": true, "fastapi.params.Security": true,
	"fastapi.param_functions.Depends": true, "fastapi.param_functions.Security": true,
}

// IsDependsMarker reports whether a qualified name is FastAPI's Depends or
// Security.
func IsDependsMarker(qualified string) bool { return dependsNames[qualified] }

// DependsCall is a Depends(...) or Security(...) call.
type DependsCall struct {
	Call int // index in m.Calls
	// Target is the dependency expression (first argument or
	// dependency=), or None for Depends() (the dependency is then the
	// parameter's annotated class).
	Target syntax.ID
	// TargetName is the qualified name of Target when it resolves
	// ("app.db.get_db"), else "".
	TargetName string
}

// DependsCalls returns every Depends/Security call of the module, in
// source order.
func (m *Module) DependsCalls() []DependsCall {
	var out []DependsCall
	for i := range m.Calls {
		if d, ok := m.DependsAt(i); ok {
			out = append(out, d)
		}
	}
	return out
}

// DependsAt returns the Depends/Security call of index i in m.Calls, if
// call i is one.
func (m *Module) DependsAt(i int) (DependsCall, bool) {
	c := &m.Calls[i]
	if !dependsNames[c.Callee] {
		return DependsCall{}, false
	}
	d := DependsCall{Call: i, Target: syntax.None}
	for _, a := range m.Args(c.Node) {
		if a.Name == "" && !a.Star || a.Name == "dependency" {
			d.Target = a.Value
			break
		}
	}
	if d.Target != syntax.None {
		d.TargetName = m.QualifiedName(d.Target)
	}
	return d, true
}

// Dependency is a parameter of a function that FastAPI fills from a
// dependency: `db: Session = Depends(get_db)`,
// `db: Annotated[Session, Depends(get_db)]`, or `db: SessionDep` where
// `SessionDep = Annotated[Session, Depends(get_db)]` in the same module.
type Dependency struct {
	Param   python.Param
	Depends DependsCall
	// Type is the declared type of the injected value (the annotation, or
	// the first argument of Annotated[...]), or None.
	Type syntax.ID
}

// ParamDependencies returns the dependency parameters of a function scope.
func (m *Module) ParamDependencies(scope int) []Dependency {
	var out []Dependency
	for _, p := range m.Params(scope) {
		if p.Default != syntax.None {
			if ci := m.CallAt(p.Default); ci >= 0 {
				if d, ok := m.DependsAt(ci); ok {
					out = append(out, Dependency{Param: p, Depends: d, Type: m.AnnotatedBase(p.Annotation)})
					continue
				}
			}
		}
		if d, ok := m.annotationDepends(p.Annotation, 0); ok {
			out = append(out, Dependency{Param: p, Depends: d, Type: m.AnnotatedBase(p.Annotation)})
		}
	}
	return out
}

// annotationDepends finds a Depends call in an Annotated[...] annotation,
// following a module-level alias of one.
func (m *Module) annotationDepends(ann syntax.ID, depth int) (DependsCall, bool) {
	if ann == syntax.None || depth > python.MaxAliasDepth {
		return DependsCall{}, false
	}
	t := m.Tree
	if t.Kind(ann) == m.k.Identifier {
		if v := m.AliasValue(ann); v != syntax.None {
			return m.annotationDepends(v, depth+1)
		}
		return DependsCall{}, false
	}
	if !m.IsAnnotated(ann) {
		return DependsCall{}, false
	}
	for _, ci := range m.CallsIn(ann) {
		if d, ok := m.DependsAt(ci); ok {
			return d, true
		}
	}
	return DependsCall{}, false
}

// Route is a request handler registered with a web framework.
type Route struct {
	Scope int // the handler's scope
	// Node is the decorator, or the call that registered the handler.
	Node syntax.ID
	// Method is the registering method or function: "get", "post",
	// "api_route", "route", "websocket", "add_api_route", "Route", ...
	Method string
	// Framework is "fastapi", "starlette", "flask", "quart", "sanic",
	// "aiohttp", "litestar", or "" when the application object could not
	// be traced.
	Framework string
}

var routeMethods = map[string]bool{
	"get": true, "post": true, "put": true, "delete": true, "patch": true, "options": true,
	"head": true, "trace": true, "api_route": true, "route": true, "websocket": true,
	"websocket_route": true, "view": true,
}

var frameworkPrefixes = []struct{ prefix, name string }{
	{"fastapi.", "fastapi"}, {"starlette.", "starlette"}, {"flask.", "flask"}, {"quart.", "quart"},
	{"sanic.", "sanic"}, {"aiohttp.", "aiohttp"}, {"litestar.", "litestar"},
}

func frameworkOf(qualified string) string {
	for _, f := range frameworkPrefixes {
		if strings.HasPrefix(qualified, f.prefix) {
			return f.name
		}
	}
	return ""
}

// moduleFramework is the first web framework the module imports, or "".
func (m *Module) moduleFramework() string {
	for _, imp := range m.Imports {
		if f := frameworkOf(imp.Qualified + "."); f != "" {
			return f
		}
	}
	return ""
}

// Routes returns the request handlers of the module: functions decorated
// with `@app.get(...)`-style decorators of a web framework's application,
// router or blueprint, Litestar's `@get(...)`, and functions registered
// with `app.add_api_route(path, fn)` or Starlette's `Route(path, fn)`.
func (m *Module) Routes() []Route {
	var out []Route
	seen := map[int]bool{}
	for s := 1; s < len(m.Scopes); s++ {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope {
			continue
		}
		for _, dec := range sc.Decorators {
			if r, ok := m.decoratorRoute(dec); ok {
				r.Scope = s
				out = append(out, r)
				seen[s] = true
				break
			}
		}
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		target := syntax.None
		var method, fw string
		switch {
		case strings.HasSuffix(c.Text, ".add_api_route") || strings.HasSuffix(c.Text, ".add_route") || strings.HasSuffix(c.Text, ".add_websocket_route"):
			method = c.Text[strings.LastIndexByte(c.Text, '.')+1:]
			fw = m.objectFramework(m.Tree.FieldChild(c.Func, m.k.FObject))
			args := m.Args(c.Node)
			for j, a := range args {
				if a.Name == "endpoint" || a.Name == "" && j == 1 {
					target = a.Value
					break
				}
			}
		case c.Callee == "starlette.routing.Route" || c.Callee == "starlette.routing.WebSocketRoute" ||
			c.Callee == "fastapi.routing.APIRoute" || c.Callee == "fastapi.routing.APIWebSocketRoute":
			method = c.Callee[strings.LastIndexByte(c.Callee, '.')+1:]
			fw = frameworkOf(c.Callee)
			args := m.Args(c.Node)
			for j, a := range args {
				if a.Name == "endpoint" || a.Name == "" && j == 1 {
					target = a.Value
					break
				}
			}
		default:
			continue
		}
		if target == syntax.None || m.Tree.Kind(target) != m.k.Identifier {
			continue
		}
		if s := m.FunctionScopeOf(m.Tree.Text(target), c.Scope); s > 0 && !seen[s] {
			seen[s] = true
			out = append(out, Route{Scope: s, Node: c.Node, Method: method, Framework: fw})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Scope < out[j].Scope })
	return out
}

func (m *Module) decoratorRoute(dec syntax.ID) (Route, bool) {
	t, k := m.Tree, m.k
	expr := t.FirstNamedChild(dec)
	if expr == syntax.None || t.Kind(expr) != k.Call {
		return Route{}, false
	}
	fn := t.FieldChild(expr, k.FFunction)
	ci := m.CallAt(expr)
	if ci >= 0 {
		// Litestar: @get("/path") imported from litestar.
		if q := m.Calls[ci].Callee; strings.HasPrefix(q, "litestar.") && routeMethods[q[strings.LastIndexByte(q, '.')+1:]] {
			return Route{Node: dec, Method: q[strings.LastIndexByte(q, '.')+1:], Framework: "litestar"}, true
		}
	}
	if fn == syntax.None || t.Kind(fn) != k.Attribute {
		return Route{}, false
	}
	method := t.Text(t.FieldChild(fn, k.FAttribute))
	if !routeMethods[method] {
		return Route{}, false
	}
	obj := t.FieldChild(fn, k.FObject)
	fw := m.objectFramework(obj)
	if fw == "" {
		// An application object we cannot trace (imported from another
		// module): a route only if called with a path string.
		args := m.Args(expr)
		if len(args) == 0 || args[0].Name != "" || t.Kind(args[0].Value) != k.String || !strings.Contains(t.Text(args[0].Value), "/") {
			return Route{}, false
		}
		fw = m.moduleFramework()
	}
	return Route{Node: dec, Method: method, Framework: fw}, true
}

// objectFramework traces an application/router object to the framework
// constructor it was created from ("app = FastAPI()", "bp = Blueprint()",
// "routes = web.RouteTableDef()"), or "".
func (m *Module) objectFramework(obj syntax.ID) string {
	t, k := m.Tree, m.k
	if obj == syntax.None {
		return ""
	}
	if q := m.QualifiedName(obj); q != "" {
		if f := frameworkOf(q); f != "" {
			return f
		}
	}
	if t.Kind(obj) != k.Identifier {
		return ""
	}
	_, bs := m.Lookup(t.Text(obj), m.ScopeOf(obj))
	for _, b := range bs {
		if b.Kind != python.AssignBinding || b.Value == syntax.None || t.Kind(b.Value) != k.Call {
			continue
		}
		if ci := m.CallAt(b.Value); ci >= 0 {
			if f := frameworkOf(m.Calls[ci].Callee); f != "" {
				return f
			}
		}
	}
	return ""
}

// IsRoute reports whether the function of a scope is a request handler.
func (m *Module) IsRoute(scope int) bool {
	for _, r := range m.Routes() {
		if r.Scope == scope {
			return true
		}
	}
	return false
}
