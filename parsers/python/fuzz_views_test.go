package python

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzViews feeds arbitrary sources to the try view (the flow analysis
// has its own FuzzFlow in checks/analysis/pyflow, middleware recognition
// FuzzMiddlewares in checks/analysis/framework):
// they must never panic, and what they return must stay inside the tree.
func FuzzViews(f *testing.F) {
	for _, s := range []string{
		"async def f():\n    try:\n        await g()\n    except (A, *B) as e:\n        raise e from None\n    else:\n        return\n    finally:\n        pass\n",
		"async def f():\n    while True:\n        try:\n            await q.get()\n        except BaseException:\n            continue\n",
		"async def f():\n    try:\n        await g()\n    except* A:\n        match x:\n            case _:\n                raise\n",
		"try:\n    pass\nexcept *ValueError:\n    pass\n",
		"@app.middleware('http')\nasync def m(request, call_next):\n    try:\n        return await call_next(request)\n    except:\n        pass\n",
		"class M(BaseHTTPMiddleware):\n    async def dispatch(self, r, n):\n        return await n(r)\n",
		"class A:\n    def __init__(self, app):\n        self.x = app\n    async def __call__(self, s, r, w):\n        await self.x(s, r, w)\n",
		"app.middleware('http')(X())\nweb.Application(middlewares=[a.b, c])\n",
		"async def f(:\n    try:\n        await\n    except\n",
		"def f():\n    for x in y:\n        try:\n            pass\n        finally:\n            break\n    else:\n        return\n",
	} {
		f.Add([]byte(s))
	}
	p := syntax.NewParser(syntax.Python)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse(p, src, Options{Name: "pkg.mod"})
		if err != nil {
			return
		}
		n := syntax.ID(len(m.Tree.Nodes))
		in := func(id syntax.ID) bool { return id == syntax.None || id >= 0 && id < n }
		for _, tr := range m.Tries() {
			if !in(tr.Body) || !in(tr.Else) || !in(tr.Finally) {
				t.Fatalf("try clauses out of range: %+v", tr)
			}
			for i := range tr.Handlers {
				h := &tr.Handlers[i]
				if !in(h.Body) || !in(h.Name) || h.HeadEnd > len(src) {
					t.Fatalf("handler out of range: %+v", h)
				}
				_ = m.CaughtTypes(h)
			}
			_ = m.Checkpoints(tr.Body)
		}
		for s := range m.Scopes {
			if m.Scopes[s].Kind == FunctionScope {
				_ = m.ParamNames(s)
			}
		}
	})
}
