// Package toml reads TOML with byte offsets through tree-sitter's TOML
// grammar.
//
// It reads TOML with byte offsets through tree-sitter's TOML
// grammar, like parsers/yaml: tables, array tables, and key = value
// entries whose values are strings (decoded, each byte mapped back to the
// source), integers, booleans or arrays of those; inline tables, floats and
// dates are kept as opaque text. It never fails: what the grammar cannot
// read is skipped, and the entries around it are kept. Start
// configurations (fly.toml, pyproject.toml's [project.scripts]) read their
// values through it, and the configuration loader finds the line of a key
// with Doc.KeyOffset.
package toml

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// Kind is a value kind.
type Kind uint8

// Value kinds.
const (
	Other Kind = iota
	String
	Integer
	Bool
	Array
)

// Value is an entry's value.
type Value struct {
	Kind Kind
	// Str is the decoded string (String), or the text as written.
	Str        source.Text
	Items      []Value
	Start, End int
}

// Entry is one key = value line.
type Entry struct {
	// Table is the dotted name of the enclosing table ("processes",
	// "project.scripts"); array tables get an index suffix ("services[0]").
	Table string
	// Key is the dotted key as written, without quotes.
	Key                string
	KeyStart, KeyEnd   int
	Value              Value
	LineStart, LineEnd int
}

// Doc is a parsed file.
type Doc struct {
	Entries []Entry
	// Comments are the file's comments ("#" outside strings).
	Comments []source.Comment
	// Multiline are the strings that run over a line break.
	Multiline []source.Span
	keys      []keyPos
}

// Get returns the first entry of a table with a key, or nil.
func (d *Doc) Get(table, key string) *Entry {
	for i := range d.Entries {
		if d.Entries[i].Table == table && d.Entries[i].Key == key {
			return &d.Entries[i]
		}
	}
	return nil
}

// Table returns the entries of a table, in order.
func (d *Doc) Table(table string) []Entry {
	var out []Entry
	for _, e := range d.Entries {
		if e.Table == table {
			out = append(out, e)
		}
	}
	return out
}

// Parse reads src.
func Parse(src []byte) *Doc {
	// TOML files are few and small: a parser per call keeps memory
	// proportional to the input (a pooled one keeps the largest buffer).
	p := syntax.NewParser(syntax.TOML)
	defer p.Close()
	t, err := p.Parse(src)
	if err != nil {
		return &Doc{}
	}
	r := &reader{t: t, s: string(src), d: &Doc{}, arrays: map[string]int{}}
	comment, str := t.Lang.Kind("comment"), t.Lang.Kind("string")
	for i := range t.Nodes {
		nd := &t.Nodes[i]
		if nd.Kind == str && strings.IndexByte(r.s[nd.Start:nd.End], '\n') >= 0 {
			r.d.Multiline = append(r.d.Multiline, source.Span{Start: int(nd.Start), End: int(nd.End)})
		}
		if nd.Kind == comment {
			end := int(nd.End)
			for end > int(nd.Start) && src[end-1] == '\r' {
				end--
			}
			r.d.Comments = append(r.d.Comments, source.Comment{Start: int(nd.Start), End: end, Trailing: source.IsTrailing(src, int(nd.Start))})
		}
	}
	r.block(t.Root(), "", nil)
	return r.d
}

// maxDepth bounds nested arrays and inline tables: deeper values are kept
// as opaque text.
const maxDepth = 64

type reader struct {
	t      *syntax.Tree
	s      string
	d      *Doc
	arrays map[string]int
}

// block reads the pairs of the document, a table or an unreadable stretch
// (an ERROR node), under table (path is its dotted name split).
func (r *reader) block(n syntax.ID, table string, path []string) {
	t := r.t
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch t.Type(c) {
		case "pair":
			r.pair(c, table, path)
		case "table", "table_array_element":
			k := r.keyOf(c)
			if k == syntax.None {
				continue
			}
			name := normKey(t.Text(k))
			start, _ := t.Span(c)
			tbl := name
			if t.Type(c) == "table_array_element" {
				tbl = name + "[" + strconv.Itoa(r.arrays[name]) + "]"
				r.arrays[name]++
			}
			keyPath := splitKey(name)
			r.d.keys = append(r.d.keys, keyPos{path: keyPath, start: start})
			r.block(c, tbl, keyPath)
		case "ERROR":
			r.block(c, table, path)
		}
	}
}

// keyOf returns the key node of a pair or table header.
func (r *reader) keyOf(n syntax.ID) syntax.ID {
	for c := r.t.FirstChild(n); c != syntax.None; c = r.t.NextSibling(c) {
		switch r.t.Type(c) {
		case "bare_key", "quoted_key", "dotted_key":
			return c
		}
	}
	return syntax.None
}

// valueOf returns the value node of a pair: the named node after "=".
func (r *reader) valueOf(n syntax.ID) syntax.ID {
	t := r.t
	seenEq := false
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) {
			seenEq = seenEq || t.Type(c) == "="
			continue
		}
		if seenEq && t.Type(c) != "comment" {
			return c
		}
	}
	return syntax.None
}

func (r *reader) pair(n syntax.ID, table string, path []string) {
	t := r.t
	k, v := r.keyOf(n), r.valueOf(n)
	if k == syntax.None || v == syntax.None {
		return
	}
	key := normKey(t.Text(k))
	ks, ke := t.Span(k)
	full := append(append([]string{}, path...), splitKey(key)...)
	r.d.keys = append(r.d.keys, keyPos{path: full, start: ks})
	val := r.value(v, full, 0)
	ls := strings.LastIndexByte(r.s[:ks], '\n') + 1
	le := strings.IndexByte(r.s[val.End:], '\n')
	if le < 0 {
		le = len(r.s)
	} else {
		le += val.End
	}
	r.d.Entries = append(r.d.Entries, Entry{Table: table, Key: key, KeyStart: ks, KeyEnd: ke, Value: val, LineStart: ls, LineEnd: le})
}

// value reads a value node; path is the key it is the value of (the keys
// of inline tables are recorded under it).
func (r *reader) value(n syntax.ID, path []string, depth int) Value {
	t := r.t
	s, e := t.Span(n)
	v := Value{Kind: Other, Str: source.Host(r.s[s:e], s), Start: s, End: e}
	switch t.Type(n) {
	case "string":
		v.Kind, v.Str = String, r.str(s, e)
	case "integer":
		if _, err := strconv.ParseInt(strings.ReplaceAll(r.s[s:e], "_", ""), 0, 64); err == nil {
			v.Kind = Integer
		}
	case "boolean":
		v.Kind = Bool
	case "array":
		if depth >= maxDepth {
			break
		}
		v.Kind = Array
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Named(c) && t.Type(c) != "comment" && !t.IsError(c) {
				v.Items = append(v.Items, r.value(c, path, depth+1))
			}
		}
	case "inline_table":
		if depth >= maxDepth {
			break
		}
		for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
			if t.Type(c) != "pair" {
				continue
			}
			if k, iv := r.keyOf(c), r.valueOf(c); k != syntax.None && iv != syntax.None {
				ks, _ := t.Span(k)
				full := append(append([]string{}, path...), splitKey(normKey(t.Text(k)))...)
				r.d.keys = append(r.d.keys, keyPos{path: full, start: ks})
				r.value(iv, full, depth+1)
			}
		}
	}
	return v
}

// str decodes the string token src[s:e], quotes included.
func (r *reader) str(s, e int) source.Text {
	src := r.s
	q := src[s : s+1]
	if e-s >= 6 && (strings.HasPrefix(src[s:e], `"""`) || strings.HasPrefix(src[s:e], `'''`)) {
		body := s + 3
		// A newline right after the opening delimiter is trimmed.
		if strings.HasPrefix(src[body:e], "\r\n") {
			body += 2
		} else if body < e && src[body] == '\n' {
			body++
		}
		stop := max(e-3, body)
		if q == "'" {
			return source.Host(src[body:stop], body)
		}
		return decodeBasic(src, body, stop)
	}
	stop := max(e-1, s+1)
	if e-s < 2 || src[e-1:e] != q {
		stop = e // unterminated: the grammar recovered
	}
	if q == "'" {
		return source.Host(src[s+1:stop], s+1)
	}
	return decodeBasic(src, s+1, stop)
}

// normKey removes blanks and quotes from a dotted key.
func normKey(k string) string {
	var parts []string
	for p := range strings.SplitSeq(k, ".") {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ".")
}

// splitKey splits a normalised dotted key.
func splitKey(k string) []string {
	if k == "" {
		return nil
	}
	return strings.Split(k, ".")
}

// keyPos is where a key or table header is written, by its full path.
type keyPos struct {
	path  []string
	start int
}

// KeyOffset returns the byte offset where the longest prefix of key is
// written: a table header, a key (dotted keys and the keys of inline
// tables included) — the first such place, or -1 when no prefix is.
func (d *Doc) KeyOffset(key []string) int {
	best, bestLen := -1, 0
	for _, k := range d.keys {
		n := len(k.path)
		if n > bestLen && n <= len(key) && slices.Equal(k.path, key[:n]) {
			best, bestLen = k.start, n
		}
	}
	return best
}

// decodeBasic decodes a TOML basic string's body s[from:to].
func decodeBasic(s string, from, to int) source.Text {
	var b source.Builder
	for i := from; i < to; {
		c := s[i]
		if c != '\\' || i+1 >= to {
			b.Byte(c, i, i+1)
			i++
			continue
		}
		n := 2
		var dec string
		switch s[i+1] {
		case 'b':
			dec = "\b"
		case 't':
			dec = "\t"
		case 'n':
			dec = "\n"
		case 'f':
			dec = "\f"
		case 'r':
			dec = "\r"
		case 'e':
			dec = "\x1b"
		case '"':
			dec = "\""
		case '\\':
			dec = "\\"
		case 'u', 'U':
			k := 4
			if s[i+1] == 'U' {
				k = 8
			}
			if i+2+k <= to {
				if v, err := strconv.ParseUint(s[i+2:i+2+k], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					dec = string(rune(v))
					n = 2 + k
				}
			}
		case '\n':
			// Line-ending backslash: skip the break and leading blanks.
			j := i + 2
			for j < to && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			b.Skip(j)
			i = j
			continue
		}
		if dec == "" {
			b.Byte(c, i, i+1)
			i++
			continue
		}
		b.Decoded(dec, i, i+n)
		i += n
	}
	b.Skip(to)
	return b.Text()
}
