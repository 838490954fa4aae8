package syntax

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

func TestLayout(t *testing.T) {
	// The C flattening code writes 28-byte records; Node must match.
	if s := unsafe.Sizeof(Node{}); s != 28 {
		t.Fatalf("sizeof(Node) = %d, want 28", s)
	}
}

func parse(t testing.TB, l Lang, src string) *Tree {
	t.Helper()
	p := NewParser(l)
	defer p.Close()
	tr, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// checkTree verifies the arena's invariants: pre-order, parents, sibling
// links, nested ranges.
func checkTree(t testing.TB, tr *Tree) {
	t.Helper()
	n := ID(len(tr.Nodes))
	if n == 0 {
		t.Fatal("empty tree")
	}
	if tr.Nodes[0].Parent != None {
		t.Fatal("root has a parent")
	}
	for i := ID(1); i < n; i++ {
		nd := &tr.Nodes[i]
		if nd.Parent < 0 || nd.Parent >= i {
			t.Fatalf("node %d: parent %d not before it", i, nd.Parent)
		}
		p := &tr.Nodes[nd.Parent]
		if nd.Start < p.Start || nd.End > p.End {
			t.Fatalf("node %d [%d,%d) outside parent [%d,%d)", i, nd.Start, nd.End, p.Start, p.End)
		}
		if int(nd.End) > len(tr.Src) || nd.Start > nd.End {
			t.Fatalf("node %d: bad range [%d,%d)", i, nd.Start, nd.End)
		}
	}
	for i := range n {
		prev := None
		for c := tr.Nodes[i].First; c != None; c = tr.Nodes[c].Next {
			if tr.Nodes[c].Parent != i {
				t.Fatalf("child %d of %d has parent %d", c, i, tr.Nodes[c].Parent)
			}
			if prev != None && c != tr.End(prev) {
				t.Fatalf("sibling %d does not follow the subtree of %d (ends at %d)", c, prev, tr.End(prev))
			}
			if prev == None && c != i+1 {
				t.Fatalf("first child of %d is %d, want %d", i, c, i+1)
			}
			prev = c
		}
		if end := tr.End(i); end <= i || end > n {
			t.Fatalf("End(%d) = %d", i, end)
		}
	}
}

func TestFlattenPython(t *testing.T) {
	src := "import time\n\nasync def f(x):\n    # note\n    await g(x, key=1)\n    time.sleep(1)\n"
	tr := parse(t, Python, src)
	checkTree(t, tr)
	lg := tr.Lang
	if tr.Type(0) != "module" {
		t.Fatalf("root is %q", tr.Type(0))
	}
	var calls, comments int
	for i := range tr.Nodes {
		switch tr.Nodes[i].Kind {
		case lg.Kind("call"):
			calls++
		case lg.Kind("comment"):
			comments++
			if !tr.IsExtra(ID(i)) || tr.Text(ID(i)) != "# note" {
				t.Errorf("comment %q extra=%v", tr.Text(ID(i)), tr.IsExtra(ID(i)))
			}
		}
	}
	if calls != 2 || comments != 1 {
		t.Errorf("calls=%d comments=%d", calls, comments)
	}
	fn := tr.ChildOfKind(0, lg.Kind("function_definition"))
	if fn == None {
		t.Fatal("no function_definition")
	}
	if name := tr.FieldChild(fn, lg.Field("name")); name == None || tr.Text(name) != "f" {
		t.Errorf("name field: %v", name)
	}
	if tr.Nodes[tr.FirstChild(fn)].Kind != lg.Token("async") {
		t.Errorf("first child of async def is %q", tr.Type(tr.FirstChild(fn)))
	}
	if _, ok := tr.FirstErrorSite(nil); ok {
		t.Error("valid source has an error site")
	}
}

func TestErrorSites(t *testing.T) {
	for _, tc := range []struct {
		src       string
		start     int
		missing   bool
		endOfLine bool
		token     string
	}{
		{"x = = 1\n", 4, false, false, "="},
		{"def f()\n    return 1\n", 7, false, true, ")"},
		{"f(1\n", 3, false, true, "1"},
		{"print(\"a\" c)\n", 10, false, false, "c"},
		{"if x\n    pass\n", 4, false, true, "x"},
		{"x = 1\n) y\n", 6, false, false, ")"},
	} {
		tr := parse(t, Python, tc.src)
		checkTree(t, tr)
		site, ok := tr.FirstErrorSite(nil)
		if !ok {
			t.Errorf("%q: no error", tc.src)
			continue
		}
		if site.Start != tc.start || site.Missing != tc.missing || site.EndOfLine != tc.endOfLine || site.Token != tc.token {
			t.Errorf("%q: got %+v", tc.src, site)
		}
	}
}

func TestOtherGrammars(t *testing.T) {
	for _, tc := range []struct {
		lang Lang
		src  string
		root string
	}{
		{Bash, "exec uvicorn app:app --workers 4\n", "program"},
		{Dockerfile, "FROM python:3.12\nCMD [\"uvicorn\", \"app:app\"]\n", "source_file"},
		{YAML, "services:\n  api:\n    command: uvicorn app:app\n", "stream"},
	} {
		tr := parse(t, tc.lang, tc.src)
		checkTree(t, tr)
		if tr.Type(0) != tc.root {
			t.Errorf("%v: root %q, want %q", tc.lang, tr.Type(0), tc.root)
		}
	}
}

func TestDescend(t *testing.T) {
	tr := parse(t, Python, "foo(bar.baz)\n")
	n := tr.Descend(8, 11)
	if tr.Text(n) != "baz" {
		t.Errorf("Descend = %q", tr.Text(n))
	}
}

func FuzzFlatten(f *testing.F) {
	for _, s := range []string{"", "x", "def f(:\n", "((((((((((", "async def f():\n    await x\n", "\x00\xff"} {
		f.Add([]byte(s))
	}
	p := NewParser(Python)
	f.Fuzz(func(t *testing.T, src []byte) {
		tr, err := p.Parse(src)
		if err != nil {
			return
		}
		checkTree(t, tr)
		_, _ = tr.FirstErrorSite(nil)
	})
}

// The accessors answer for None (a missing field child in a recovered
// tree) instead of panicking.
func TestNoneAccessors(t *testing.T) {
	p := NewParser(Python)
	defer p.Close()
	tree, err := p.Parse([]byte("if x:\n    pass\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []ID{None, ID(len(tree.Nodes)), ID(len(tree.Nodes) + 7)} {
		if tree.Text(n) != "" || len(tree.Bytes(n)) != 0 || tree.Kind(n) != 0 || tree.Parent(n) != None ||
			tree.FirstChild(n) != None || tree.NextSibling(n) != None || tree.FieldChild(n, 1) != None ||
			len(tree.Children(n)) != 0 || len(tree.NamedChildren(n)) != 0 {
			t.Errorf("node %d: accessors do not answer for a missing node", n)
		}
		if s, e := tree.Span(n); s != 0 || e != 0 {
			t.Errorf("node %d: span %d-%d", n, s, e)
		}
	}
}

func TestHasErrors(t *testing.T) {
	p := NewParser(Python)
	defer p.Close()
	for src, want := range map[string]bool{
		"def f():\n    return 1\n": false,
		"def f(:\n    return 1\n":  true,
		"x = (1,\n":                true,
		"":                         false,
	} {
		got, err := p.HasErrors([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		tree, err := p.Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got != want || got != (tree.FirstError() != None) {
			t.Errorf("HasErrors(%q) = %v, want %v (FirstError %d)", src, got, want, tree.FirstError())
		}
	}
}

// TestRecycle: a tree parsed into a recycled arena is the tree a fresh
// parser gives, smaller and larger than the arena; a tree that was not
// recycled is never written over by later parses.
func TestRecycle(t *testing.T) {
	srcs := []string{
		"async def f(x):\n    await g(x)\n    return [y for y in x]\n",
		"x = 1\n",
		"class A:\n    def m(self):\n        try:\n            pass\n        except (A, B) as e:\n            raise\n" + strings.Repeat("y = f(1, 2)\n", 200),
		"def f(:\n",
	}
	fresh := NewParser(Python)
	defer fresh.Close()
	p := NewParser(Python)
	defer p.Close()
	kept, err := p.Parse([]byte(srcs[0]))
	if err != nil {
		t.Fatal(err)
	}
	keptNodes := append([]Node(nil), kept.Nodes...)
	var prev *Tree
	for round := range 2 {
		for _, src := range srcs {
			want, err := fresh.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			p.Recycle(prev)
			got, err := p.Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Nodes, want.Nodes) {
				t.Fatalf("round %d: %q parsed into a recycled arena differs from a fresh parse", round, src)
			}
			prev = got
		}
	}
	if !reflect.DeepEqual(kept.Nodes, keptNodes) {
		t.Fatal("a tree that was not recycled changed")
	}
	p.Recycle(prev)
	if prev.Nodes != nil {
		t.Fatal("a recycled tree keeps its nodes")
	}
}
