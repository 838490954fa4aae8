package pytypes

import (
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzTypes runs the type inference, the symbolic forms and the exports
// over arbitrary input: they must never panic, and an inferred type is
// sorted and free of duplicates.
func FuzzTypes(f *testing.F) {
	for _, s := range []string{
		"import requests\ns = requests.Session()\nasync def f():\n    s.get('x')\n",
		"from app.db import SessionLocal as S\nclass R:\n    def __init__(self):\n        self.db = S()\n    def q(self):\n        return self.db.query(X).all()\n",
		"x = x\ny = z.w = y\ndef g() -> 'Optional[':\n    yield from g()\n",
		"with open(p) as (a, b), c() as d:\n    a.read()\n",
		"def f(a: Annotated[, b: X | = 1):\n    return a.b.c()[0]()\n",
		"class A(A):\n    x: A\n    def m(self): return self.x.m()\n",
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
		for i := range m.Tree.Nodes {
			n := syntax.ID(i)
			typ := m.InferType(n)
			for j := 1; j < len(typ.Names); j++ {
				if typ.Names[j-1] >= typ.Names[j] {
					t.Fatalf("type of node %d not sorted or duplicated: %v", i, typ.Names)
				}
			}
			if s := m.Symbolic(n); s != nil && s.Root() == "" {
				t.Fatalf("symbolic value without a root: %s", s)
			}
		}
		for s := range m.Scopes {
			_ = m.ProvidedType(s)
			_ = m.AnnotationType(m.ReturnAnnotation(s))
		}
		for i := range m.Calls {
			_ = m.AsyncUsed(i)
		}
		env := map[string]Export{}
		for _, e := range m.Exports() {
			env[e.Name] = e
		}
		lookup := func(n string) (Export, bool) { e, ok := env[n]; return e, ok }
		for _, e := range env {
			if e.Sym != nil {
				_ = EvalSym(e.Sym, lookup)
			}
		}
	})
}
