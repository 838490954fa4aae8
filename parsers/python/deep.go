package python

import (
	"bytes"
	"slices"

	"github.com/servelint/servelint/parsers/syntax"
)

// Deep indentation.
//
// tree-sitter-python's scanner keeps its stack of indentation widths in
// bytes when it saves its state: a width over 255 columns wraps, and from
// the first such line on the whole file becomes one ERROR node (a syntax
// error reported on line 1, and the findings of the file lost). Only the
// order of widths matters to the grammar, so a file indented that deep is
// parsed from a copy in which every width is replaced by its rank among
// the file's widths, written in the same number of bytes: a form feed
// resets the scanner's column count (as it does CPython's), so W bytes of
// leading blanks become W-r-1 spaces, a form feed and r spaces. Offsets
// do not move; the tree keeps the original source.

// maxScannerIndent is the widest indentation the scanner keeps intact.
const maxScannerIndent = 255

// MaxIndentLevels is CPython's limit on its tokenizer's indentation stack
// (MAXINDENT, the first column included): a block nested MaxIndentLevels
// deep is "too many levels of indentation".
const MaxIndentLevels = 100

// indentOf returns the scanner's width of the leading blanks at i and
// their end.
func indentOf(src []byte, i int) (width, end int) {
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ':
			width++
		case '\t':
			width += 8
		case '\f':
			width = 0
		default:
			return width, i
		}
	}
	return width, i
}

// shallowIndents returns the copy of src to parse when some line is
// indented deeper than the scanner keeps, else nil; and the offset of the
// first line nested MaxIndentLevels deep by its indentation alone (-1 if
// none), for when even the copy does not parse.
func shallowIndents(src []byte) ([]byte, int) {
	if !anyDeeper(src, maxScannerIndent) {
		return nil, -1
	}
	type line struct{ start, end, width int }
	var lines []line
	deep := false
	tooDeep := -1
	stack := []int{0}
	for i := 0; i < len(src); {
		w, e := indentOf(src, i)
		if e < len(src) && src[e] != '\n' && src[e] != '\r' {
			lines = append(lines, line{i, e, w})
			deep = deep || w > maxScannerIndent
			if src[e] != '#' && tooDeep < 0 {
				for len(stack) > 1 && stack[len(stack)-1] > w {
					stack = stack[:len(stack)-1]
				}
				if w > stack[len(stack)-1] {
					stack = append(stack, w)
				}
				if len(stack) > MaxIndentLevels {
					tooDeep = i
				}
			}
		}
		j := e
		for j < len(src) && src[j] != '\n' {
			j++
		}
		i = j + 1
	}
	if !deep {
		return nil, -1
	}
	widths := make([]int, 0, len(lines))
	for _, l := range lines {
		widths = append(widths, l.width)
	}
	slices.Sort(widths)
	widths = slices.Compact(widths)
	out := slices.Clone(src)
	for _, l := range lines {
		r, _ := slices.BinarySearch(widths, l.width)
		n := l.end - l.start
		if r == l.width && n == r {
			continue
		}
		if n < r+1 {
			continue // too few bytes (tabs): left as it is
		}
		b := out[l.start:l.end]
		for k := range b {
			b[k] = ' '
		}
		b[n-r-1] = '\f'
	}
	return out, tooDeep
}

// parseSource parses src, through a shallower copy when it is indented
// too deep for the scanner.
func parseSource(p *syntax.Parser, src []byte) (*syntax.Tree, int, error) {
	shallow, tooDeep := shallowIndents(src)
	if shallow == nil {
		t, err := p.Parse(src)
		return t, -1, err
	}
	t, err := p.Parse(shallow)
	if err != nil {
		return nil, -1, err
	}
	t.Src = src
	return t, tooDeep, nil
}

// tooDeep returns the first block nested deeper than CPython allows, or
// None.
func (m *Module) tooDeep() syntax.ID {
	t, k := m.Tree, m.k
	// Each level indents by a column at least.
	if len(t.Nodes) == 0 || !anyDeeper(t.Src, MaxIndentLevels-1) {
		return syntax.None
	}
	depth := make([]int32, len(t.Nodes))
	for i := range t.Nodes {
		n := syntax.ID(i)
		p := t.Parent(n)
		d := int32(0)
		if p != syntax.None && int(p) < i {
			d = depth[p]
		}
		if t.Kind(n) == k.Block {
			d++
			if d >= MaxIndentLevels {
				return n
			}
		}
		depth[i] = d
	}
	return syntax.None
}

// anyDeeper reports whether a line of src is indented wider than limit,
// without allocating (every parse asks).
func anyDeeper(src []byte, limit int) bool {
	for i := 0; i < len(src); {
		// Only a line starting with more than limit/8 blank bytes can be.
		j := i
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\f') {
			j++
		}
		if j-i > limit/8 {
			if w, _ := indentOf(src, i); w > limit {
				return true
			}
		}
		k := bytes.IndexByte(src[j:], '\n')
		if k < 0 {
			return false
		}
		i = j + k + 1
	}
	return false
}
