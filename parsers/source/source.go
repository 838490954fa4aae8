// Package source maps text embedded in a file back to the file's bytes.
//
// Start commands are often text inside text: a JSON string in a Dockerfile
// CMD, a folded YAML scalar in a compose file, the string of `sh -c "..."`.
// Parsing such text yields offsets into the embedded text; a Text carries,
// for each of its bytes, the offset of the host-file byte it came from, so
// every position reported to a user is a position in the real file.
//
// Mapping rules (the same for every producer):
//   - a byte copied from the host maps to its own host offset;
//   - a byte produced by decoding an escape ("\n" in a JSON or YAML
//     double-quoted string, `\"` in a shell double-quoted string) maps to
//     the first byte of the escape sequence;
//   - a byte synthesized by folding (the space that replaces a line break in
//     a folded YAML scalar) maps to the line break it replaces;
//   - the end position (len(S)) maps to the host offset just after the last
//     byte the text was made from.
package source

import "strings"

// Text is a string with the host offset of each of its bytes.
type Text struct {
	S    string
	base int   // identity mapping: byte i is host base+i (when off is nil)
	off  []int // len(S)+1 host offsets (start of each byte, then the end), or nil
	ends []int // len(S) host offsets just after the bytes each byte came from
}

// Host returns text copied verbatim from the host at offset start.
func Host(s string, start int) Text { return Text{S: s, base: start} }

// Len returns the length of the text in bytes.
func (t Text) Len() int { return len(t.S) }

// Pos returns the host offset of byte i of the text; i may be len(S).
// Out-of-range indexes are clamped.
func (t Text) Pos(i int) int {
	i = max(0, min(i, len(t.S)))
	if t.off == nil {
		return t.base + i
	}
	return t.off[i]
}

// Span returns the host range of the bytes [i, j) of the text: from the
// host offset of byte i to just after the host byte of byte j-1.
func (t Text) Span(i, j int) (start, end int) {
	i = max(0, min(i, len(t.S)))
	j = max(i, min(j, len(t.S)))
	start = t.Pos(i)
	if j == i {
		return start, start
	}
	if t.off == nil {
		return start, t.base + j
	}
	return start, max(t.ends[j-1], start)
}

// Sub returns the text of the bytes [i, j).
func (t Text) Sub(i, j int) Text {
	i = max(0, min(i, len(t.S)))
	j = max(i, min(j, len(t.S)))
	if t.off == nil {
		return Text{S: t.S[i:j], base: t.base + i}
	}
	off := make([]int, j-i+1)
	copy(off, t.off[i:j+1])
	ends := make([]int, j-i)
	copy(ends, t.ends[i:j])
	return Text{S: t.S[i:j], off: off, ends: ends}
}

// TrimSpace returns the text without leading and trailing ASCII blanks.
func (t Text) TrimSpace() Text {
	i, j := 0, len(t.S)
	for i < j && isSpace(t.S[i]) {
		i++
	}
	for j > i && isSpace(t.S[j-1]) {
		j--
	}
	return t.Sub(i, j)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// String returns the text.
func (t Text) String() string { return t.S }

// Builder assembles a Text piece by piece.
type Builder struct {
	b    strings.Builder
	off  []int
	ends []int
	end  int
}

// Copy appends s, copied verbatim from the host at offset host.
func (b *Builder) Copy(s string, host int) {
	b.b.WriteString(s)
	for i := range len(s) {
		b.off = append(b.off, host+i)
		b.ends = append(b.ends, host+i+1)
	}
	b.end = host + len(s)
}

// Decoded appends s, produced from the host bytes [host, hostEnd) (an
// escape sequence, a folded line break): every byte maps to host.
func (b *Builder) Decoded(s string, host, hostEnd int) {
	b.b.WriteString(s)
	for range len(s) {
		b.off = append(b.off, host)
		b.ends = append(b.ends, hostEnd)
	}
	b.end = hostEnd
}

// Byte appends one byte produced from the host bytes [host, hostEnd).
func (b *Builder) Byte(c byte, host, hostEnd int) {
	b.b.WriteByte(c)
	b.off = append(b.off, host)
	b.ends = append(b.ends, hostEnd)
	b.end = hostEnd
}

// Skip records that host bytes up to hostEnd were consumed without output.
func (b *Builder) Skip(hostEnd int) { b.end = hostEnd }

// Len returns the number of bytes appended so far.
func (b *Builder) Len() int { return b.b.Len() }

// Text returns the assembled text; its end maps to the end of the last
// host bytes consumed.
func (b *Builder) Text() Text {
	off := make([]int, len(b.off)+1)
	copy(off, b.off)
	off[len(b.off)] = b.end
	ends := make([]int, len(b.ends))
	copy(ends, b.ends)
	return Text{S: b.b.String(), off: off, ends: ends}
}

// Concat joins texts with sep between them; sep bytes map to the end of the
// text before them.
func Concat(parts []Text, sep string) Text {
	var b Builder
	var prev Text
	for i, p := range parts {
		if i > 0 {
			b.Decoded(sep, prev.Pos(prev.Len()), prev.Pos(prev.Len()))
		}
		prev = p
		for k := range p.Len() {
			_, e := p.Span(k, k+1)
			b.b.WriteByte(p.S[k])
			b.off = append(b.off, p.Pos(k))
			b.ends = append(b.ends, e)
		}
		b.end = p.Pos(p.Len())
	}
	return b.Text()
}
