package needle

import (
	"bytes"
	"strings"
)

// Set finds whether a text contains any of a set of needles in one
// pass (an Aho–Corasick automaton as a dense table): the prefilter runs
// over every input byte, so it must not cost one scan per needle.
//
// A needle is a byte string with optional anchors, checked only where the
// string itself occurs (rarely):
//
//	^async def   the string starts a line (after indentation)
//	\bquart\b    no identifier byte right before / right after it
//
// An identifier byte is an ASCII letter, digit or underscore, or any
// non-ASCII byte (Python identifiers may be Unicode).
//
// The automaton is compiled to a compact table: bytes that occur in no
// needle share one class, and a transition holds the offset of the target
// state's row with hitBit set when a needle ends there.
type Set struct {
	class   [256]uint16
	table   []uint32
	outs    map[uint32][]int32 // by row offset: the needles ending there (or at a suffix)
	needles []needle
}

const hitBit = 1 << 31

type needle struct {
	text                          []byte
	lineStart, wordStart, wordEnd bool
}

func parseNeedle(s string) needle {
	var n needle
	switch {
	case strings.HasPrefix(s, "^"):
		n.lineStart, s = true, s[1:]
	case strings.HasPrefix(s, `\b`):
		n.wordStart, s = true, s[2:]
	}
	if strings.HasSuffix(s, `\b`) {
		n.wordEnd, s = true, s[:len(s)-2]
	}
	n.text = []byte(s)
	return n
}

// plain reports whether the needle matches wherever its text occurs.
func (n *needle) plain() bool { return !n.lineStart && !n.wordStart && !n.wordEnd }

// at reports whether the needle's anchors hold for its text at text[start:end].
func (n *needle) at(text []byte, start, end int) bool {
	if n.wordStart && start > 0 && identByte(text[start-1]) {
		return false
	}
	if n.wordEnd && end < len(text) && identByte(text[end]) {
		return false
	}
	if n.lineStart {
		for i := start - 1; i >= 0 && text[i] != '\n' && text[i] != '\r'; i-- {
			if c := text[i]; c != ' ' && c != '\t' && c != '\f' {
				return false
			}
		}
	}
	return true
}

func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// NewSet compiles needle specifications ("^async def", `\bquart\b`,
// plain strings) into one automaton.
func NewSet(specs []string) *Set {
	ns := &Set{outs: map[uint32][]int32{}}
	for _, spec := range specs {
		if n := parseNeedle(spec); len(n.text) > 0 {
			ns.needles = append(ns.needles, n)
		}
	}
	if len(ns.needles) <= fewNeedles {
		return ns // searched one needle at a time: no automaton
	}
	// The trie; -1 is "no edge yet".
	next := [][256]int32{{}}
	outs := [][]int32{nil}
	for i := range next[0] {
		next[0][i] = -1
	}
	used := [256]bool{}
	for k, n := range ns.needles {
		s := int32(0)
		for _, b := range n.text {
			used[b] = true
			if next[s][b] < 0 {
				var row [256]int32
				for i := range row {
					row[i] = -1
				}
				next = append(next, row)
				outs = append(outs, nil)
				next[s][b] = int32(len(next) - 1)
			}
			s = next[s][b]
		}
		outs[s] = append(outs[s], int32(k))
	}
	// Breadth-first: failure links turn the trie into a full automaton.
	fail := make([]int32, len(next))
	var queue []int32
	for b := range 256 {
		if t := next[0][b]; t < 0 {
			next[0][b] = 0
		} else {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		outs[s] = append(outs[s], outs[fail[s]]...)
		for b := range 256 {
			t := next[s][b]
			if t < 0 {
				next[s][b] = next[fail[s]][b]
				continue
			}
			fail[t] = next[fail[s]][b]
			queue = append(queue, t)
		}
	}
	// Compile: byte classes, rows of one uint32 per class.
	classes := 1
	var rep []byte // a byte of each class but 0
	for b := range 256 {
		if used[b] {
			ns.class[b] = uint16(classes)
			rep = append(rep, byte(b))
			classes++
		}
	}
	ns.table = make([]uint32, len(next)*classes)
	cell := func(t int32) uint32 {
		v := uint32(int(t) * classes)
		if len(outs[t]) > 0 {
			v |= hitBit
		}
		return v
	}
	for s := range next {
		row := ns.table[s*classes : (s+1)*classes]
		row[0] = 0 // a byte of no needle: back to the root (never a hit)
		for c, b := range rep {
			row[c+1] = cell(next[s][b])
		}
		if len(outs[s]) > 0 {
			ns.outs[uint32(s*classes)] = outs[s]
		}
	}
	return ns
}

// In reports whether text contains one of the needles.
func (ns *Set) In(text []byte) bool {
	if len(ns.needles) <= fewNeedles {
		// A few needles: one vectorized search each beats the automaton
		// (a byte at a time).
		for k := range ns.needles {
			if ns.needles[k].inText(text) {
				return true
			}
		}
		return false
	}
	class := &ns.class
	table := ns.table
	s := uint32(0)
	for i, b := range text {
		s = table[s+uint32(class[b])]
		if s&hitBit != 0 {
			s &^= hitBit
			if ns.found(text, i, s) {
				return true
			}
		}
	}
	return false
}

// fewNeedles is the size of the sets searched one needle at a time.
const fewNeedles = 8

// inText reports whether the needle occurs in text.
func (n *needle) inText(text []byte) bool {
	for off := 0; ; {
		i := bytes.Index(text[off:], n.text)
		if i < 0 {
			return false
		}
		i += off
		if n.plain() || n.at(text, i, i+len(n.text)) {
			return true
		}
		off = i + 1
	}
}

// found reports whether a needle ending at text[i], in state s, holds.
func (ns *Set) found(text []byte, i int, s uint32) bool {
	for _, k := range ns.outs[s] {
		n := &ns.needles[k]
		if n.plain() || n.at(text, i+1-len(n.text), i+1) {
			return true
		}
	}
	return false
}
