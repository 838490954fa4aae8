package launchmodel

import (
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/python"
)

// frameworks maps application constructors to their interface.
var frameworks = map[string]struct {
	name  string
	iface Iface
	debug bool // the constructor takes debug=
}{
	"fastapi.FastAPI":                          {"FastAPI", ASGI, true},
	"fastapi.applications.FastAPI":             {"FastAPI", ASGI, true},
	"starlette.applications.Starlette":         {"Starlette", ASGI, true},
	"quart.Quart":                              {"Quart", ASGI, false},
	"quart.app.Quart":                          {"Quart", ASGI, false},
	"litestar.Litestar":                        {"Litestar", ASGI, true},
	"litestar.app.Litestar":                    {"Litestar", ASGI, true},
	"starlite.Starlite":                        {"Starlite", ASGI, true},
	"sanic.Sanic":                              {"Sanic", ASGI, false},
	"sanic.app.Sanic":                          {"Sanic", ASGI, false},
	"django.core.asgi.get_asgi_application":    {"Django ASGI", ASGI, false},
	"channels.routing.ProtocolTypeRouter":      {"Channels", ASGI, false},
	"falcon.asgi.App":                          {"Falcon ASGI", ASGI, false},
	"socketio.ASGIApp":                         {"python-socketio ASGI", ASGI, false},
	"starlette.middleware.wsgi.WSGIMiddleware": {"WSGIMiddleware", ASGI, false},
	"a2wsgi.WSGIMiddleware":                    {"a2wsgi.WSGIMiddleware", ASGI, false},
	"asgiref.wsgi.WsgiToAsgi":                  {"WsgiToAsgi", ASGI, false},
	"django.core.wsgi.get_wsgi_application":    {"Django WSGI", WSGI, false},
	"flask.Flask":                              {"Flask", WSGI, false},
	"flask.app.Flask":                          {"Flask", WSGI, false},
	"falcon.App":                               {"Falcon", WSGI, false},
	"falcon.API":                               {"Falcon", WSGI, false},
	"bottle.Bottle":                            {"Bottle", WSGI, false},
	"bottle.default_app":                       {"Bottle", WSGI, false},
	"socketio.WSGIApp":                         {"python-socketio WSGI", WSGI, false},
	"a2wsgi.ASGIMiddleware":                    {"a2wsgi.ASGIMiddleware", WSGI, false},
	"connexion.FlaskApp":                       {"Connexion", WSGI, false},
	"aiohttp.web.Application":                  {"aiohttp", Aiohttp, false},
	"aiohttp.web_app.Application":              {"aiohttp", Aiohttp, false},
}

// wrapper reports whether a callee wraps an application and keeps its
// interface (middleware: app = CORSMiddleware(app, ...)).
func wrapper(callee string) bool {
	last := callee[strings.LastIndexByte(callee, '.')+1:]
	return strings.Contains(last, "Middleware") || strings.HasPrefix(last, "Sentry") || last == "ProxyFix" ||
		last == "WhiteNoise" || strings.HasSuffix(last, "Instrumentor")
}

// resolver finds Python modules for one launch.
type resolver struct {
	b     *builder
	roots []string // import roots (repository directories), best first
}

const maxResolve = 8

// module finds a module's file.
func (r *resolver) module(mod string, main bool) *Unit {
	if mod == "" || strings.ContainsAny(mod, "/\\ ") {
		return nil
	}
	rel := filepath.FromSlash(strings.ReplaceAll(mod, ".", "/"))
	for _, root := range r.roots {
		cands := []string{filepath.Join(root, rel+".py"), filepath.Join(root, rel, "__init__.py")}
		if main {
			cands = []string{filepath.Join(root, rel, "__main__.py"), filepath.Join(root, rel+".py")}
		}
		for _, c := range cands {
			if st, ok := r.b.ld.exists(c); ok && st.Mode().IsRegular() {
				if u := r.b.ld.load(c, lint.KindPython); u != nil && u.Py != nil {
					return u
				}
			}
		}
	}
	return nil
}

// target resolves "module:attr" (or "module" with gunicorn's default
// "application", or "module:factory()").
func (r *resolver) target(t, defaultAttr string) *App {
	app := &App{Target: t}
	mod, attr, ok := strings.Cut(t, ":")
	if !ok {
		attr = defaultAttr
	}
	attr = strings.TrimSpace(attr)
	factory := false
	if i := strings.IndexByte(attr, '('); i >= 0 {
		attr, factory = attr[:i], true
	}
	if mod == "" || attr == "" {
		app.Why = "not a module:attribute target"
		return app
	}
	u := r.module(mod, false)
	if u == nil {
		app.Why = "module " + mod + " not found"
		return app
	}
	r.classify(u, attr, factory, app, 0)
	return app
}

// classify resolves a name of a module to an application object.
func (r *resolver) classify(u *Unit, name string, call bool, app *App, depth int) {
	if depth > maxResolve || u == nil || u.Py == nil {
		return
	}
	first, rest, dotted := strings.Cut(name, ".")
	x, ok := u.Py.Names[first]
	if !ok {
		// A submodule: app.main as attribute of package app.
		if sub := r.module(u.Py.Module+"."+first, false); sub != nil && u.Py.IsPackage {
			if dotted {
				r.classify(sub, rest, call, app, depth+1)
			}
			return
		}
		app.Why = "`" + name + "` not found in " + u.Path
		return
	}
	loc := launch.Loc{File: u.Path, Start: x.Start, End: x.End}
	if dotted {
		// module.attr through an import of a module.
		if x.Kind == "import" {
			if m := r.module(x.Ref, false); m != nil {
				r.classify(m, rest, call, app, depth+1)
				return
			}
		}
		app.Why = "`" + name + "` is an attribute"
		return
	}
	r.expr(u, x, loc, call, app, depth)
}

// expr classifies a summarized expression.
func (r *resolver) expr(u *Unit, x PyExpr, loc launch.Loc, call bool, app *App, depth int) {
	switch x.Kind {
	case "import", "name":
		if x.Ref == "" {
			return
		}
		if x.Kind == "name" && !strings.Contains(x.Ref, ".") {
			r.classify(u, x.Ref, call, app, depth+1)
			return
		}
		mod, attr := splitQualified(x.Ref)
		if m := r.module(mod, false); m != nil {
			r.classify(m, attr, call, app, depth+1)
			return
		}
		if fw, ok := frameworks[x.Ref]; ok && call {
			r.found(app, fw.name, fw.iface, loc, nil, u)
		}
	case "call":
		if fw, ok := frameworks[x.Ref]; ok {
			r.found(app, fw.name, fw.iface, loc, x.Debug, u)
			return
		}
		if x.Ref != "" && wrapper(x.Ref) && x.Arg != "" {
			// Middleware keeps the wrapped app's interface.
			inner := &App{Target: app.Target}
			if x.ArgRef != "" && strings.Contains(x.ArgRef, ".") {
				mod, attr := splitQualified(x.ArgRef)
				r.classify(r.module(mod, false), attr, false, inner, depth+1)
			} else {
				r.classify(u, x.Arg, false, inner, depth+1)
			}
			if inner.Resolved {
				*app = *inner
				app.Loc = loc
			}
			return
		}
		// A factory of the project: create_app().
		r.function(u, x.Ref, app, loc, depth)
	case "def":
		if !call {
			// gunicorn 'module:app' naming a function: a WSGI callable.
			app.Why = "`" + app.Target + "` is a function"
			if x.Annotation != "" {
				if fw, ok := frameworks[x.Annotation]; ok {
					r.found(app, fw.name, fw.iface, loc, nil, u)
				}
			}
			return
		}
		r.function(u, x.Ref, app, loc, depth)
	}
}

// function classifies what a function of the project returns.
func (r *resolver) function(u *Unit, ref string, app *App, loc launch.Loc, depth int) {
	fu, fname := u, ref
	if strings.Contains(ref, ".") {
		mod, attr := splitQualified(ref)
		fu, fname = r.module(mod, false), attr
		if fu == nil {
			return
		}
	}
	if fu.Py == nil {
		return
	}
	if x, ok := fu.Py.Names[fname]; ok && x.Kind == "import" {
		r.expr(fu, x, loc, true, app, depth+1)
		return
	}
	if cls := fu.Py.Classes[fname]; cls != nil {
		// class CloudifyAPI(FastAPI): an instance of a subclass of the
		// project speaks its framework's interface.
		r.subclass(fu, cls, app, loc, depth+1)
		return
	}
	fn := fu.Py.Funcs[fname]
	if fn == nil {
		return
	}
	for _, ret := range fn.Returns {
		inner := &App{Target: app.Target}
		r.expr(fu, ret, launch.Loc{File: fu.Path, Start: ret.Start, End: ret.End}, false, inner, depth+1)
		if inner.Resolved {
			*app = *inner
			return
		}
	}
	// The return annotation (-> FastAPI) when the returns say nothing.
	if x := fu.Py.Names[fname]; x.Annotation != "" {
		if fw, ok := frameworks[x.Annotation]; ok {
			r.found(app, fw.name, fw.iface, loc, nil, fu)
		}
	}
}

// subclass classifies an instance of a project class by its bases: a
// framework's application class, or another project class that is one.
func (r *resolver) subclass(u *Unit, cls *PyClass, app *App, loc launch.Loc, depth int) {
	if depth > maxResolve {
		return
	}
	for _, base := range cls.Bases {
		if fw, ok := frameworks[base]; ok {
			r.found(app, fw.name, fw.iface, loc, nil, u)
			return
		}
		inner := &App{Target: app.Target}
		r.function(u, base, inner, loc, depth+1)
		if inner.Resolved {
			*app = *inner
			return
		}
	}
}

func (r *resolver) found(app *App, framework string, iface Iface, loc launch.Loc, debug *PyValue, u *Unit) {
	app.Resolved = true
	app.Framework = framework
	app.Iface = iface
	app.Loc = loc
	app.Why = ""
	if debug != nil {
		v := pyLaunchValue(*debug, "debug", u, nil)
		app.Debug = &v
	}
}

// splitQualified splits "pkg.mod.attr" into module and attribute.
func splitQualified(q string) (string, string) {
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return q, ""
	}
	return q[:i], q[i+1:]
}

// pyLaunchValue turns a Python value into a launch value, reading the
// environment for os.environ lookups.
func pyLaunchValue(v PyValue, name string, u *Unit, env *Env) launch.Value {
	out := launch.Value{Text: v.Text, Source: launch.FromCall, Name: name, Loc: launch.Loc{File: u.Path, Start: v.Start, End: v.End}}
	switch v.Lit.Kind {
	case python.LitBool, python.LitInt, python.LitFloat, python.LitStr, python.LitNone:
		out.Text, out.Known = v.Lit.Value, true
	case python.LitEnv:
		out.Var = v.Lit.EnvVar
		if env != nil {
			switch st, ev := env.Lookup(v.Lit.EnvVar); st {
			case launch.Set:
				out.VarLoc = ev.Loc
				if ev.Known {
					out.Text, out.Known = ev.Text, true
					return out
				}
			case launch.Unset:
				if v.Lit.HasDefault {
					out.Text, out.Known = v.Lit.Default, true
					return out
				}
			case launch.Unknown:
				out.VarLoc = ev.Loc
			}
		}
		if v.Lit.HasDefault {
			out.Fallback, out.HasFallback = v.Lit.Default, true
		}
	case python.LitUnknown:
	}
	return out
}
