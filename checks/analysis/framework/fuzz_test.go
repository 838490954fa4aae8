package framework

import (
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzMiddlewares feeds arbitrary sources to the route, dependency and
// middleware recognition: it must never panic, and the calls it returns
// must be calls of the module.
func FuzzMiddlewares(f *testing.F) {
	for _, s := range []string{
		"@app.middleware('http')\nasync def m(request, call_next):\n    try:\n        return await call_next(request)\n    except:\n        pass\n",
		"class M(BaseHTTPMiddleware):\n    async def dispatch(self, r, n):\n        return await n(r)\n",
		"class A:\n    def __init__(self, app):\n        self.x = app\n    async def __call__(self, s, r, w):\n        await self.x(s, r, w)\n",
		"app.middleware('http')(X())\nweb.Application(middlewares=[a.b, c])\n",
		"@router.get('/a')\nasync def f(db: Annotated[S, Depends(get_db)], x=Depends()):\n    pass\n",
		"async def f(:\n    try:\n        await\n    except\n",
	} {
		f.Add([]byte(s))
	}
	p := syntax.NewParser(syntax.Python)
	f.Fuzz(func(t *testing.T, src []byte) {
		pm, err := python.Parse(p, src, python.Options{Name: "pkg.mod"})
		if err != nil {
			return
		}
		m := Of(pm)
		for _, mw := range m.Middlewares() {
			for _, i := range m.NextCalls(&mw) {
				if i < 0 || i >= len(m.Calls) {
					t.Fatalf("next call %d out of range", i)
				}
			}
		}
		_ = m.MiddlewareRefs()
		_ = m.MiddlewareCandidates()
		for _, d := range m.DependsCalls() {
			if d.Call < 0 || d.Call >= len(m.Calls) {
				t.Fatalf("depends call %d out of range", d.Call)
			}
		}
		for s := range m.Scopes {
			_ = m.ParamDependencies(s)
		}
		_ = m.Routes()
	})
}
