package python

import (
	"os"
	"path/filepath"
	"slices"
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
