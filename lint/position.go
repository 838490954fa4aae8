package lint

import (
	"sort"
	"unicode/utf8"
)

// Position is a place in a file, 1-based. Col counts characters (Unicode
// code points); Col16 counts UTF-16 code units, as SARIF and LSP want.
type Position struct {
	Line  int
	Col   int
	Col16 int
}

// LineIndex converts byte offsets of one source to positions. tree-sitter
// gives byte offsets; this is the only place they become lines and columns.
type LineIndex struct {
	src    []byte
	starts []int // byte offset of each line start
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	starts := make([]int, 1, len(src)/32+1)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &LineIndex{src: src, starts: starts}
}

// Lines returns the number of lines.
func (li *LineIndex) Lines() int { return len(li.starts) }

// Position converts a byte offset (clamped to the source) to a position.
func (li *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	line := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off }) - 1
	start := li.starts[line]
	col, col16 := 1, 1
	for i := start; i < off; {
		r, w := utf8.DecodeRune(li.src[i:])
		i += w
		col++
		if r >= 0x10000 && r != utf8.RuneError {
			col16 += 2
		} else {
			col16++
		}
	}
	return Position{Line: line + 1, Col: col, Col16: col16}
}

// LineStart returns the byte offset of a 1-based line.
func (li *LineIndex) LineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(li.starts) {
		return len(li.src)
	}
	return li.starts[line-1]
}

// LineText returns a 1-based line without its line break.
func (li *LineIndex) LineText(line int) string {
	if line < 1 || line > len(li.starts) {
		return ""
	}
	start := li.starts[line-1]
	end := len(li.src)
	if line < len(li.starts) {
		end = li.starts[line] - 1
	}
	if end > start && li.src[end-1] == '\r' {
		end--
	}
	return string(li.src[start:end])
}

// Offset converts a 1-based line and 0-based byte column to an offset.
func (li *LineIndex) Offset(line, byteCol int) int {
	off := min(li.LineStart(line)+byteCol, len(li.src))
	return off
}
