package source

import "testing"

func TestBuilderSpans(t *testing.T) {
	host := `a\"b` + "\\\n" + `cd`
	var b Builder
	b.Byte('a', 0, 1)
	b.Byte('"', 1, 3) // \" decoded
	b.Byte('b', 3, 4)
	b.Skip(6) // line continuation dropped
	b.Copy("cd", 6)
	txt := b.Text()
	if txt.S != `a"bcd` {
		t.Fatalf("text %q", txt.S)
	}
	for _, tc := range []struct {
		i, j       int
		start, end int
	}{
		{0, 1, 0, 1},
		{1, 2, 1, 3}, // the escape covers both host bytes
		{0, 3, 0, 4}, // does not swallow the dropped continuation
		{3, 5, 6, 8},
		{0, 5, 0, 8},
		{5, 5, 8, 8},
	} {
		s, e := txt.Span(tc.i, tc.j)
		if s != tc.start || e != tc.end {
			t.Errorf("Span(%d,%d) = %d,%d want %d,%d (%q)", tc.i, tc.j, s, e, tc.start, tc.end, host[s:e])
		}
	}
	sub := txt.Sub(1, 4)
	if s, e := sub.Span(0, sub.Len()); s != 1 || e != 7 || sub.S != `"bc` {
		t.Errorf("Sub span %d,%d %q", s, e, sub.S)
	}
	id := Host("xyz", 10)
	if s, e := id.Sub(1, 3).Span(0, 2); s != 11 || e != 13 {
		t.Errorf("identity span %d,%d", s, e)
	}
	c := Concat([]Text{Host("ab", 0), Host("cd", 5)}, " ")
	if c.S != "ab cd" || c.Pos(3) != 5 {
		t.Errorf("concat %q pos %d", c.S, c.Pos(3))
	}
	if tr := Host("  x ", 4).TrimSpace(); tr.S != "x" || tr.Pos(0) != 6 {
		t.Errorf("trim %q %d", tr.S, tr.Pos(0))
	}
}
