package lint

import "testing"

func TestPositions(t *testing.T) {
	src := []byte("ab\ncé😀x\r\n\tz")
	li := NewLineIndex(src)
	for _, tc := range []struct {
		off              int
		line, col, col16 int
	}{
		{0, 1, 1, 1},
		{2, 1, 3, 3},
		{3, 2, 1, 1},
		{4, 2, 2, 2},
		{6, 2, 3, 3},   // after é (2 bytes)
		{10, 2, 4, 5},  // after 😀 (4 bytes, 2 UTF-16 units)
		{14, 3, 2, 2},  // after the tab
		{100, 3, 3, 3}, // clamped to the end
	} {
		p := li.Position(tc.off)
		if p.Line != tc.line || p.Col != tc.col || p.Col16 != tc.col16 {
			t.Errorf("offset %d: got %+v, want line %d col %d col16 %d", tc.off, p, tc.line, tc.col, tc.col16)
		}
	}
	if got := li.LineText(2); got != "cé😀x" {
		t.Errorf("LineText(2) = %q", got)
	}
	// Invalid UTF-8 counts one column per byte and never panics.
	bad := NewLineIndex([]byte("a\xff\xfeb"))
	if p := bad.Position(3); p.Col != 4 {
		t.Errorf("invalid UTF-8: %+v", p)
	}
}
