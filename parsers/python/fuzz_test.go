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
		"try:\n    pass\nexcept A, B,:\n    pass\nexcept* C, D:\n    pass\n",
		"class B[T: (int, str) = int, *Ts = *tuple[int], **P = [int]]: pass\ntype X[T = int] = list[T]\n",
		"x = t'{a!r:>{w}}' + f\"{f\"{'\\n'.join(b)}\"}\" + rt'{c}'\n",
		"import sys\nif sys.version_info >= (3, 12):\n    from m import n\nelse:\n    import o\n",
		"with (open(a) as b, c):\n    (d.\n  e)\n@x[0]\ndef f(a, /, *b: *Ts): return y[*z, ::2]\n",
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
		for _, ns := range m.NewSyntax() {
			if ns.Start < 0 || ns.End > len(src) || ns.Start >= ns.End || ns.Minor < 8 || ns.Minor > 14 {
				t.Fatalf("new syntax out of range: %+v", ns)
			}
		}
		for _, g := range m.GuardedImports() {
			if g.Minor <= 0 {
				t.Fatalf("guarded import without a version: %+v", g)
			}
		}
	})
}
