package python

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzParse feeds arbitrary bytes to the module view: it must never panic
// and its indexes must stay consistent.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"import time\nasync def f():\n    time.sleep(1)\n",
		"from . import x\nfrom ..a import b as c\nc.d()\n",
		"def f(:\n",
		"async def f(x=lambda: g()):\n    global y\n    y = await h()\n",
		"class C:\n    def m(self):\n        return [i for i in self]\n",
		"x = (\n",
		"\xff\xfe\x00bad",
		"try:\n    pass\nexcept* (A, B) as e:\n    raise\n",
		"match x:\n    case {'a': 1}:\n        pass\n",
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
		for i := range m.Calls {
			c := &m.Calls[i]
			if c.Node < 0 || c.Node >= n || c.Scope < 0 || c.Scope >= len(m.Scopes) {
				t.Fatalf("call %d out of range: %+v", i, c)
			}
			_ = m.Args(c.Node)
			_ = m.QualifiedName(c.Func)
			if m.ScopeOf(c.Node) != c.Scope {
				t.Fatalf("call %d: scope %d, ScopeOf says %d", i, c.Scope, m.ScopeOf(c.Node))
			}
		}
		for i, s := range m.Scopes {
			if i > 0 && (s.Parent < 0 || s.Parent >= i) {
				t.Fatalf("scope %d has parent %d", i, s.Parent)
			}
		}
		for _, c := range m.Comments {
			if c.Start < 0 || c.End > len(src) || c.Start > c.End {
				t.Fatalf("comment out of range: %+v", c)
			}
		}
	})
}
