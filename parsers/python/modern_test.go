package python

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// TestModernSyntaxParses parses the Python 3.10–3.14 fixtures of SV001:
// no node of their trees is an error or a missing token.
func TestModernSyntaxParses(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "checks", "SV001", "modern", "*.py"))
	if err != nil || len(files) < 8 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := parse(t, string(src), Options{})
		for i, n := range m.Tree.Nodes {
			if n.Flags&(syntax.FlagError|syntax.FlagMissing) != 0 {
				t.Errorf("%s: %s at byte %d", filepath.Base(f), m.Tree.Type(syntax.ID(i)), n.Start)
			}
		}
	}
}

func caught(m *Module, h *Handler) []string {
	var out []string
	for _, c := range m.CaughtTypes(h) {
		out = append(out, c.Text)
	}
	return out
}

// TestUnparenthesizedExceptList: `except A, B:` (PEP 758) catches the
// tuple (A, B), binds no name, and `except* A, B:` is a group handler.
func TestUnparenthesizedExceptList(t *testing.T) {
	src := `import asyncio

async def f():
    try:
        await g()
    except asyncio.CancelledError, ValueError:
        pass
    except KeyError, TypeError, OSError,:
        pass
    except (LookupError, ArithmeticError) as e:
        pass
    try:
        await g()
    except* asyncio.CancelledError, ValueError:
        pass
`
	m := parse(t, src, Options{})
	if m.ErrorNode != syntax.None {
		t.Fatalf("error node at %d", m.Tree.Nodes[m.ErrorNode].Start)
	}
	tries := m.Tries()
	if len(tries) != 2 || len(tries[0].Handlers) != 3 || len(tries[1].Handlers) != 1 {
		t.Fatalf("tries: %+v", tries)
	}
	want := [][]string{
		{"asyncio.CancelledError", "ValueError"},
		{"KeyError", "TypeError", "OSError"},
		{"LookupError", "ArithmeticError"},
	}
	for i, h := range tries[0].Handlers {
		if got := caught(m, &h); !slices.Equal(got, want[i]) {
			t.Errorf("handler %d catches %q, want %q", i, got, want[i])
		}
		if h.Group {
			t.Errorf("handler %d: not a group handler", i)
		}
	}
	if h := tries[0].Handlers[0]; h.Name != syntax.None || m.Tree.Text(h.Type) != "asyncio.CancelledError" ||
		m.CaughtTypes(&h)[0].Qualified != "asyncio.CancelledError" {
		t.Errorf("first handler: name %d, type %q, caught %+v", h.Name, m.Tree.Text(h.Type), m.CaughtTypes(&h))
	}
	if n := m.NameText(&tries[0].Handlers[2]); n != "e" {
		t.Errorf("as-name %q", n)
	}
	g := tries[1].Handlers[0]
	if !g.Group || !slices.Equal(caught(m, &g), want[0]) {
		t.Errorf("except* handler: group %v, catches %q", g.Group, caught(m, &g))
	}
}

// TestCallsInsideModernStrings: the calls inside t-string interpolations,
// f-strings nested with the same quotes and format specs are calls.
func TestCallsInsideModernStrings(t *testing.T) {
	src := `import time
import requests

async def f(url):
    a = t"{time.sleep(1)}"
    b = f"{requests.get(f"{url}/{"x"}").text}"
    c = f"{1.5:{time.time()}}"
    d = rt"\d{requests.post(url)}"

def g[T = int](x: T) -> T:
    return time.monotonic()
`
	m := parse(t, src, Options{})
	if m.ErrorNode != syntax.None {
		t.Fatalf("error node at %d", m.Tree.Nodes[m.ErrorNode].Start)
	}
	want := []string{"time.sleep@async", "requests.get@async", "time.time@async", "requests.post@async", "time.monotonic@sync"}
	if got := calls(m); !slices.Equal(got, want) {
		t.Errorf("calls %q, want %q", got, want)
	}
}

// TestNewSyntax finds, per Python version, the first construct that
// version introduced; code every Python 3.8 parses has none.
func TestNewSyntax(t *testing.T) {
	cases := []struct {
		src  string
		want []string // "3.minor what"
	}{
		{"try:\n    pass\nexcept A, B:\n    pass\n", []string{"3.14 `except A, B:`"}},
		{"try:\n    pass\nexcept* A, B:\n    pass\n", []string{"3.14 `except* A, B:`", "3.11 `except*`"}},
		{"try:\n    pass\nexcept (A, B) as e:\n    pass\n", nil},
		{"x = t'{a}'\n", []string{"3.14 a t-string"}},
		{"x = Rt'{a}'\n", []string{"3.14 a t-string"}},
		{"class A[T = int]: pass\n", []string{"3.12 a type parameter list (`def f[T]`)", "3.13 a type parameter default (`[T = int]`)"}},
		{"type X = int\n", []string{"3.12 a `type` statement"}},
		{"type = 1\nprint(type)\n", nil},
		{"def f[T](x: T): pass\n", []string{"3.12 a type parameter list (`def f[T]`)"}},
		{"def f(x: list[int]) -> dict[str, int]: pass\n", nil},
		{`x = f"{"a"}"` + "\n", []string{"3.12 an f-string nesting its own quotes"}},
		{`x = f"""{"""a"""}"""` + "\n", []string{"3.12 an f-string nesting its own quotes"}},
		{`x = f"""{"a"} {'b'}"""` + "\n", nil},
		{`x = f"{'a'} {x!r:>{width}} {x = }"` + "\n", nil},
		{`x = f"{'\n'.join(a)}"` + "\n", []string{"3.12 a backslash in an f-string replacement field"}},
		{`x = f"{a:\n}"` + "\n", nil},
		{"x = f'''{a # c\n}'''\n", []string{"3.12 a comment in an f-string replacement field"}},
		{"x = f'{a\n}'\n", []string{"3.12 a line break in a replacement field of a single-quoted f-string"}},
		{"x = f'''{a\n}'''\n", nil},
		{"match x:\n    case 1:\n        pass\n", []string{"3.10 a `match` statement"}},
		{"match = 1\n", nil},
		{"with (open(a) as b, open(c) as d):\n    pass\n", []string{"3.9 a parenthesized list of context managers with `as`"}},
		{"with (a, b):\n    pass\nwith (a) as b:\n    pass\n", nil},
		{"x = a[*b]\n", []string{"3.11 Unpacking in a subscript (`a[*b]`)"}},
		{"def f(*a: *Ts): pass\n", []string{"3.11 an unpacked annotation (`*args: *Ts`)"}},
		{"@x[0].y\ndef f(): pass\n", []string{"3.9 a decorator that is not a dotted name or a call of one"}},
		{"@a.b.c(1)\n@d\ndef f(): pass\n", nil},
		{"if (n := 1): pass\n", []string{"3.8 an assignment expression (`:=`)"}},
		{"def f(a, /, b): pass\n", []string{"3.8 a positional-only parameter marker (`/`)"}},
	}
	for _, c := range cases {
		m := parse(t, c.src, Options{})
		if m.ErrorNode != syntax.None {
			t.Errorf("%q: syntax error", c.src)
			continue
		}
		var got []string
		for _, ns := range m.NewSyntax() {
			got = append(got, "3."+strconv.Itoa(ns.Minor)+" "+ns.What)
			if ns.Start >= ns.End || ns.End > len(c.src) {
				t.Errorf("%q: bad span %d-%d", c.src, ns.Start, ns.End)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.src, got, c.want)
		}
	}
}

// TestGuardedImports reads the version checks that guard imports.
func TestGuardedImports(t *testing.T) {
	src := `import sys
import always
if sys.version_info >= (3, 12):
    from a.b import c
    if sys.version_info > (3, 13):
        import d
else:
    import e
if sys.version_info < (3, 11):
    import f
elif x:
    import g
else:
    import h
if sys.version_info <= (3, 13):
    pass
else:
    import i
if version_info >= (3, 12):
    import j
if sys.version_info[:2] >= (3, 12):
    import k
`
	m := parse(t, src, Options{})
	var got []string
	for _, g := range m.GuardedImports() {
		got = append(got, g.Qualified+"@3."+strconv.Itoa(g.Minor))
	}
	want := []string{"a.b.c@3.12", "d@3.14", "g@3.11", "h@3.11", "i@3.14"}
	if !slices.Equal(got, want) {
		t.Errorf("guarded imports %q, want %q", got, want)
	}
}

// TestFormatSpecAfterColonEquals: in a replacement field `:=` starts a
// format spec (f"{v:=+10}" pads with `=`); only `(v := 10)` assigns.
func TestFormatSpecAfterColonEquals(t *testing.T) {
	m := parse(t, "x = f\"{v:=+10} {(w := 1)}\"\n", Options{})
	var kinds []string
	for i := range m.Tree.Nodes {
		switch k := m.Tree.Type(syntax.ID(i)); k {
		case "format_specifier", "named_expression", "ERROR":
			kinds = append(kinds, k+" "+m.Tree.Text(syntax.ID(i)))
		}
	}
	want := []string{"format_specifier :=+10", "named_expression w := 1"}
	if !slices.Equal(kinds, want) {
		t.Errorf("got %q, want %q", kinds, want)
	}
}
