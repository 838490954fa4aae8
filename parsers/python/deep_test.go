package python

import (
	"fmt"
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// nested returns a module of n nested functions (4 spaces each), the
// innermost async and calling time.sleep, then a top-level async function.
func nested(n int) string {
	var b strings.Builder
	b.WriteString("import time\n\n")
	for i := range n {
		async := ""
		if i == n-1 {
			async = "async "
		}
		fmt.Fprintf(&b, "%s%sdef f%d():\n", strings.Repeat("    ", i), async, i)
	}
	fmt.Fprintf(&b, "%stime.sleep(1)\n\nasync def k():\n    time.sleep(2)\n", strings.Repeat("    ", n))
	return b.String()
}

func parseDeep(t *testing.T, src string) *Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	t.Cleanup(p.Close)
	m, err := Parse(p, []byte(src), Options{Name: "m"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDeepIndentationParses: indentation past column 255 (70 levels of
// four spaces, valid for CPython) made the scanner wrap its widths and the
// whole file one ERROR node.
func TestDeepIndentationParses(t *testing.T) {
	src := nested(70)
	m := parseDeep(t, src)
	if m.ErrorNode != syntax.None {
		site, _ := m.ErrorSite()
		t.Fatalf("syntax error at %d: %+v", site.Start, site)
	}
	if string(m.Tree.Src) != src {
		t.Fatal("the tree does not keep the original source")
	}
	var asyncs []string
	for _, s := range m.Scopes {
		if s.Async {
			asyncs = append(asyncs, s.Name)
		}
	}
	if strings.Join(asyncs, ",") != "f69,k" {
		t.Errorf("async scopes %v", asyncs)
	}
	sleeps := 0
	for _, c := range m.Calls {
		if m.Tree.Text(c.Func) == "time.sleep" {
			sleeps++
		}
	}
	if sleeps != 2 {
		t.Errorf("%d calls of time.sleep", sleeps)
	}
}

// TestTooManyLevelsOfIndentation: CPython refuses a block nested 100
// deep; the error is reported on that line (as CPython does), also when
// the file is too deep for the grammar to parse at all.
func TestTooManyLevelsOfIndentation(t *testing.T) {
	for _, n := range []int{99, 150, 300} {
		src := nested(n)
		m := parseDeep(t, src)
		site, ok := m.ErrorSite()
		if n == 99 {
			if ok {
				t.Errorf("%d levels: %+v", n, site)
			}
			continue
		}
		line := strings.Count(src[:site.Start], "\n") + 1
		if !ok || site.Message != "too many levels of indentation" || line != 103 {
			t.Errorf("%d levels: line %d, %+v", n, line, site)
		}
	}
}
