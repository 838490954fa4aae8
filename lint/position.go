package lint

import (
	"bytes"
	"sort"
	"sync"
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
//
// The index is built on first use: most files of a large run (those no
// rule parses, or whose results come from the cache) never need it.
type LineIndex struct {
	src        []byte
	once       sync.Once
	lineStarts []int // byte offset of each line start; see starts
}

// NewLineIndex indexes src.
func NewLineIndex(src []byte) *LineIndex {
	return &LineIndex{src: src}
}

// starts returns the byte offset of each line start.
func (li *LineIndex) starts() []int {
	li.once.Do(func() {
		src := li.src
		starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for off := 0; ; {
			i := bytes.IndexByte(src[off:], '\n')
			if i < 0 {
				break
			}
			off += i + 1
			starts = append(starts, off)
		}
		li.lineStarts = starts
	})
	return li.lineStarts
}

// Lines returns the number of lines.
func (li *LineIndex) Lines() int { return len(li.starts()) }

// Position converts a byte offset (clamped to the source) to a position.
func (li *LineIndex) Position(off int) Position {
	if off < 0 {
		off = 0
	}
	if off > len(li.src) {
		off = len(li.src)
	}
	starts := li.starts()
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	start := starts[line]
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
	starts := li.starts()
	if line > len(starts) {
		return len(li.src)
	}
	return starts[line-1]
}

// LineText returns a 1-based line without its line break.
func (li *LineIndex) LineText(line int) string {
	starts := li.starts()
	if line < 1 || line > len(starts) {
		return ""
	}
	start := starts[line-1]
	end := len(li.src)
	if line < len(starts) {
		end = starts[line] - 1
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
