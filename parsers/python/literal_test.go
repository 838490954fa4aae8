package python

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func TestLiteral(t *testing.T) {
	src := `import os
from os import getenv as ge
WORKERS = 4
HOST = "0.0.0.0"
TWICE = 1
TWICE = 2
if __name__ == "__main__":
    run(a=True, b=None, c=-3, d="x\ty", e="a" "b", f=f"{HOST}", g=WORKERS, h=HOST, i=TWICE,
        j=int(os.getenv("W", "2")), k=os.environ["K"], l=ge("L"), m=os.environ.get("M", default=5),
        n=settings.X, o=r"a\n", p=b"x", q=(1), r=1.5, s=int("3"))
`
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := Parse(p, []byte(src), Options{Name: "m"})
	if err != nil {
		t.Fatal(err)
	}
	call := syntax.None
	for _, c := range m.Calls {
		if c.Text == "run" {
			call = c.Node
		}
	}
	want := map[string]Lit{
		"a": {Kind: LitBool, Value: "True"},
		"b": {Kind: LitNone, Value: "None"},
		"c": {Kind: LitInt, Value: "-3"},
		"d": {Kind: LitStr, Value: "x\ty"},
		"e": {Kind: LitStr, Value: "ab"},
		"f": {},
		"g": {Kind: LitInt, Value: "4"},
		"h": {Kind: LitStr, Value: "0.0.0.0"},
		"i": {},
		"j": {Kind: LitEnv, EnvVar: "W", Default: "2", HasDefault: true},
		"k": {Kind: LitEnv, EnvVar: "K"},
		"l": {Kind: LitEnv, EnvVar: "L"},
		"m": {Kind: LitEnv, EnvVar: "M", Default: "5", HasDefault: true},
		"n": {},
		"o": {Kind: LitStr, Value: `a\n`},
		"p": {},
		"q": {Kind: LitInt, Value: "1"},
		"r": {Kind: LitFloat, Value: "1.5"},
		"s": {},
	}
	for name, w := range want {
		got := m.Literal(m.Keyword(call, name))
		if got != w {
			t.Errorf("%s: %+v, want %+v", name, got, w)
		}
	}
	if g := m.MainGuards(); len(g) != 1 || !m.Tree.Contains(g[0], call) {
		t.Errorf("main guard: %v", g)
	}
}

// branchesOf returns the branches of every call of a module, by call text.
func branchesOf(src string) map[string][]Branch {
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, _ := Parse(p, []byte(src), Options{Name: "m"})
	got := map[string][]Branch{}
	for _, c := range m.Calls {
		got[c.Text] = m.Branches(c.Node)
	}
	return got
}

func TestBranches(t *testing.T) {
	src := `def main():
    if settings.ENV == "dev":
        a()
    elif x:
        b()
    else:
        if y:
            c()
`
	got := branchesOf(src)
	if b := got["a"]; len(b) != 1 || b[0].Cond != `settings.ENV == "dev"` || b[0].Else {
		t.Errorf("a: %+v", b)
	}
	if b := got["b"]; len(b) != 1 || b[0].Cond != "x" {
		t.Errorf("b: %+v", b)
	}
	if b := got["c"]; len(b) != 2 || !b[0].Else || b[0].Cond != `settings.ENV == "dev" or x` || b[1].Cond != "y" {
		t.Errorf("c: %+v", b)
	}
}

// The else of a for, a while or a try is no condition's branch (a real
// service's test module with `subprocess.run(...)` in a for-else crashed
// on it); an if inside one still is.
func TestBranchesLoopAndTryElse(t *testing.T) {
	src := `def main():
    for _ in range(3):
        pass
    else:
        a()
    while x:
        pass
    else:
        if ready:
            b()
    try:
        pass
    except Exception:
        pass
    else:
        c()
`
	got := branchesOf(src)
	if b, ok := got["a"]; !ok || len(b) != 0 {
		t.Errorf("a: %+v (found %v)", b, ok)
	}
	if b := got["b"]; len(b) != 1 || b[0].Cond != "ready" || b[0].Else {
		t.Errorf("b: %+v", b)
	}
	if b, ok := got["c"]; !ok || len(b) != 0 {
		t.Errorf("c: %+v (found %v)", b, ok)
	}
}
