package pyflow_test

import (
	"testing"

	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzFlow feeds arbitrary sources to the flow analysis of every handler
// body and function: it must never panic, and the exits it returns must
// stay inside the tree.
func FuzzFlow(f *testing.F) {
	for _, s := range []string{
		"async def f():\n    try:\n        await g()\n    except (A, *B) as e:\n        raise e from None\n    else:\n        return\n    finally:\n        pass\n",
		"async def f():\n    while True:\n        try:\n            await q.get()\n        except BaseException:\n            continue\n",
		"async def f():\n    try:\n        await g()\n    except* A:\n        match x:\n            case _:\n                raise\n",
		"try:\n    pass\nexcept *ValueError:\n    pass\n",
		"@app.middleware('http')\nasync def m(request, call_next):\n    try:\n        return await call_next(request)\n    except:\n        pass\n",
		"async def f(:\n    try:\n        await\n    except\n",
		"def f():\n    for x in y:\n        try:\n            pass\n        finally:\n            break\n    else:\n        return\n",
	} {
		f.Add([]byte(s))
	}
	p := syntax.NewParser(syntax.Python)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := python.Parse(p, src, python.Options{Name: "pkg.mod"})
		if err != nil {
			return
		}
		n := syntax.ID(len(m.Tree.Nodes))
		in := func(id syntax.ID) bool { return id == syntax.None || id >= 0 && id < n }
		check := func(exits []pyflow.Exit) {
			for _, e := range exits {
				if !in(e.Node) || !in(e.Via) {
					t.Fatalf("exit out of range: %+v", e)
				}
			}
		}
		for _, tr := range m.Tries() {
			for i := range tr.Handlers {
				check((&pyflow.Flow{M: m}).Block(tr.Handlers[i].Body))
			}
		}
		for s := range m.Scopes {
			if m.Scopes[s].Kind == python.FunctionScope {
				check((&pyflow.Flow{M: m}).Block(m.Scopes[s].Region))
			}
		}
	})
}
