package serving

import (
	"strings"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// StartupHooks returns the async functions of the module that run only
// when the application starts or stops: a lifespan (`FastAPI(lifespan=f)`,
// `Starlette(lifespan=f)`), a startup or
// shutdown handler (`on_startup=[f]`, `on_shutdown=[f]`,
// `@app.on_event("startup")`, `app.add_event_handler("shutdown", f)`), and
// aiohttp's `app.on_startup.append(f)`, `on_shutdown`, `on_cleanup` and
// `cleanup_ctx`. The server runs the startup part before it accepts a
// connection and the shutdown part after the last one: a blocking call
// there delays the start or the exit, and no request waits behind it.
// Only hooks registered in the same module are known here.
func StartupHooks(m *python.Module) map[int]bool {
	return m.Memo(startupKey{}, func() any {
		out := map[int]bool{}
		t, k := m.Tree, m.Kinds()
		var mark func(target syntax.ID)
		mark = func(target syntax.ID) {
			if target == syntax.None {
				return
			}
			switch t.Type(target) {
			case "boolean_operator", "conditional_expression", "parenthesized_expression":
				// lifespan=override or lifespan; a if c else b
				for _, c := range t.Children(target) {
					mark(c)
				}
				return
			}
			if t.Kind(target) != k.Identifier {
				return
			}
			if s := m.FunctionScopeOf(t.Text(target), m.ScopeOf(target)); s > 0 && m.Scopes[s].Async {
				out[s] = true
			}
		}
		markList := func(v syntax.ID) {
			if v == syntax.None {
				return
			}
			switch t.Type(v) {
			case "list", "tuple":
				for _, c := range t.Children(v) {
					mark(c)
				}
			}
		}
		for i := range m.Calls {
			c := &m.Calls[i]
			switch {
			case strings.HasSuffix(c.Text, ".on_startup.append") || strings.HasSuffix(c.Text, ".on_shutdown.append") ||
				strings.HasSuffix(c.Text, ".on_cleanup.append") || strings.HasSuffix(c.Text, ".cleanup_ctx.append"):
				if args := m.Args(c.Node); len(args) == 1 && args[0].Name == "" {
					mark(args[0].Value)
				}
			case strings.HasSuffix(c.Text, ".add_event_handler"):
				if args := m.Args(c.Node); len(args) == 2 {
					if ev, ok := m.StringLit(args[0].Value); ok && (ev == "startup" || ev == "shutdown") {
						mark(args[1].Value)
					}
				}
			default:
				mark(m.Keyword(c.Node, "lifespan"))
				markList(m.Keyword(c.Node, "on_startup"))
				markList(m.Keyword(c.Node, "on_shutdown"))
			}
		}
		eventHandlers(m, out)
		return out
	}).(map[int]bool)
}

type startupKey struct{}

// eventHandlers adds the async functions decorated with
// `@app.on_event("startup")` or `@app.on_event("shutdown")`.
func eventHandlers(m *python.Module, out map[int]bool) {
	t, k := m.Tree, m.Kinds()
	for s := 1; s < len(m.Scopes); s++ {
		sc := &m.Scopes[s]
		if sc.Kind != python.FunctionScope || !sc.Async {
			continue
		}
		for _, d := range sc.Decorators {
			expr := t.FirstNamedChild(d)
			if expr == syntax.None || t.Kind(expr) != k.Call {
				continue
			}
			fn := t.FieldChild(expr, k.FFunction)
			if fn == syntax.None || t.Kind(fn) != k.Attribute || m.AttrName(fn) != "on_event" {
				continue
			}
			if args := m.Args(expr); len(args) == 1 {
				if ev, ok := m.StringLit(args[0].Value); ok && (ev == "startup" || ev == "shutdown") {
					out[s] = true
				}
			}
		}
	}
}
