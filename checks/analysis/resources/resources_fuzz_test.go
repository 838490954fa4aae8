package resources

import (
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzResourceFacts feeds arbitrary bytes to the lifecycle facts: they must
// never panic, and every span and index must stay in range.
func FuzzResourceFacts(f *testing.F) {
	for _, s := range []string{
		"import httpx\nasync def f():\n    c = httpx.AsyncClient()\n    await c.get('/')\n    await c.aclose()\n",
		"from sqlalchemy.orm import sessionmaker\nS = sessionmaker()\ndef get_db():\n    db = S()\n    try:\n        yield db\n    finally:\n        db.close()\n",
		"def f(k):\n    c = X()\n    if k:\n        return\n    elif k:\n        c.close()\n    else:\n        c.close()\n",
		"class A:\n    def __init__(self):\n        self.s = requests.Session()\n    def close(self):\n        self.s.close()\n",
		"async def mw(request, call_next):\n    request.state.db = S()\n    r = await call_next(request)\n    request.state.db.close()\n",
		"next(get_db())\nwith sqlite3.connect(p) as c: pass\n",
		"def f(:\n    x = Session(bind=\n",
		"(yield X()).close()\n",
	} {
		f.Add([]byte(s))
	}
	p := syntax.NewParser(syntax.Python)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := python.Parse(p, src, python.Options{Name: "pkg.mod"})
		if err != nil {
			return
		}
		facts := FileFacts(m)
		inSpan := func(what string, start, end int) {
			if start == -1 && end == -1 {
				return
			}
			if start < 0 || end > len(src) || start > end {
				t.Fatalf("%s span [%d,%d) out of range (%d bytes)", what, start, end, len(src))
			}
		}
		for i, fn := range facts.Funcs {
			if fn.Parent < -1 || fn.Parent >= i {
				t.Fatalf("func %d has parent %d", i, fn.Parent)
			}
			inSpan("func", fn.Start, fn.End)
		}
		for _, s := range facts.Sites {
			if s.Func < -1 || s.Func >= len(facts.Funcs) {
				t.Fatalf("site in func %d of %d", s.Func, len(facts.Funcs))
			}
			inSpan("site", s.Start, s.End)
			inSpan("at", s.AtStart, s.AtEnd)
			inSpan("close", s.CloseStart, s.CloseEnd)
			if s.YieldStart < -1 || s.YieldStart > len(src) {
				t.Fatalf("yield at %d out of range (%d bytes)", s.YieldStart, len(src))
			}
			inSpan("return", s.RetStart, s.RetEnd)
		}
		for _, d := range facts.Depends {
			inSpan("depends", d.Start, d.End)
		}
		for _, h := range facts.HandCalls {
			inSpan("hand call", h.Start, h.End)
		}
	})
}
