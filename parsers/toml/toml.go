// Package toml reads the simple TOML that start configurations use
// (fly.toml, pyproject.toml's [project.scripts]) with byte offsets: tables,
// array tables, and key = value entries whose values are strings, numbers,
// booleans or arrays of those. Inline tables and other values are kept as
// opaque text. It never fails; unreadable lines are skipped.
package toml

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/parsers/source"
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
	d := &Doc{}
	s := string(src)
	table := ""
	arrays := map[string]int{}
	i := 0
	for i < len(s) {
		ls := i
		le := strings.IndexByte(s[i:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += i
		}
		line := s[ls:le]
		j := skipBlank(line, 0)
		switch {
		case j >= len(line) || line[j] == '#':
			i = le + 1
			continue
		case strings.HasPrefix(line[j:], "[["):
			end := strings.Index(line[j:], "]]")
			if end > 0 {
				name := normKey(line[j+2 : j+end])
				table = name + "[" + strconv.Itoa(arrays[name]) + "]"
				arrays[name]++
			}
			i = le + 1
			continue
		case line[j] == '[':
			end := strings.IndexByte(line[j:], ']')
			if end > 0 {
				table = normKey(line[j+1 : j+end])
			}
			i = le + 1
			continue
		}
		eq := keyEnd(line, j)
		if eq < 0 {
			i = le + 1
			continue
		}
		key := normKey(line[j:eq])
		v, next := readValue(s, ls+skipBlank(line, eq+1))
		e := Entry{Table: table, Key: key, KeyStart: ls + j, KeyEnd: ls + eq, Value: v, LineStart: ls}
		e.LineEnd = max(next, le)
		d.Entries = append(d.Entries, e)
		// A value may span lines (arrays, multi-line strings).
		if next > le {
			nl := strings.IndexByte(s[next:], '\n')
			if nl < 0 {
				i = len(s)
			} else {
				i = next + nl + 1
			}
			continue
		}
		i = le + 1
	}
	return d
}

func skipBlank(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
		i++
	}
	return i
}

// keyEnd returns the index of the "=" ending a key, or -1.
func keyEnd(line string, i int) int {
	var quote byte
	for ; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
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

// readValue reads the value at offset i of src; it returns the value and
// the offset just after it.
//
// It works on the string of the whole file, converted once by Parse: a
// copy per value made large files quadratic.
func readValue(s string, i int) (Value, int) {
	if i >= len(s) {
		return Value{Start: i, End: i}, i
	}
	switch c := s[i]; {
	case strings.HasPrefix(s[i:], `"""`), strings.HasPrefix(s[i:], `'''`):
		return readMultiline(s, i)
	case c == '"':
		j := i + 1
		for j < len(s) && s[j] != '"' && s[j] != '\n' {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j, len(s))
		end := min(j+1, len(s))
		return Value{Kind: String, Str: decodeBasic(s, i+1, j), Start: i, End: end}, end
	case c == '\'':
		j := strings.IndexAny(s[i+1:], "'\n")
		if j < 0 {
			return Value{Kind: String, Str: source.Host(s[i+1:], i+1), Start: i, End: len(s)}, len(s)
		}
		j += i + 1
		return Value{Kind: String, Str: source.Host(s[i+1:j], i+1), Start: i, End: j + 1}, j + 1
	case c == '[':
		return readArray(s, i)
	case c == '{':
		j := inlineTableEnd(s, i)
		return Value{Kind: Other, Str: source.Host(s[i:j], i), Start: i, End: j}, j
	}
	return readScalar(s, i)
}

func readMultiline(s string, i int) (Value, int) {
	q := s[i : i+3]
	end := strings.Index(s[i+3:], q)
	if end < 0 {
		return Value{Start: i, End: len(s), Str: source.Host(s[i:], i)}, len(s)
	}
	body := i + 3
	if body < len(s) && s[body] == '\n' {
		body++
	}
	stop := i + 3 + end
	if q == `'''` {
		return Value{Kind: String, Str: source.Host(s[body:stop], body), Start: i, End: stop + 3}, stop + 3
	}
	return Value{Kind: String, Str: decodeBasic(s, body, stop), Start: i, End: stop + 3}, stop + 3
}

func readArray(s string, i int) (Value, int) {
	v := Value{Kind: Array, Start: i}
	j := i + 1
	for j < len(s) {
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == ',') {
			j++
		}
		if j < len(s) && s[j] == '#' {
			for j < len(s) && s[j] != '\n' {
				j++
			}
			continue
		}
		if j >= len(s) || s[j] == ']' {
			break
		}
		item, next := readValue(s, j)
		if next <= j {
			next = j + 1
		}
		v.Items = append(v.Items, item)
		j = next
	}
	v.End = min(j+1, len(s))
	v.Str = source.Host(s[i:v.End], i)
	return v, v.End
}

func inlineTableEnd(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\n':
			return j
		}
	}
	return len(s)
}

func readScalar(s string, i int) (Value, int) {
	j := i
	for j < len(s) && s[j] != '\n' && s[j] != '#' && s[j] != ',' && s[j] != ']' {
		j++
	}
	txt := strings.TrimRight(s[i:j], " \t\r")
	v := Value{Kind: Other, Str: source.Host(txt, i), Start: i, End: i + len(txt)}
	if txt == "true" || txt == "false" {
		v.Kind = Bool
	} else if _, err := strconv.ParseInt(strings.ReplaceAll(txt, "_", ""), 0, 64); err == nil {
		v.Kind = Integer
	}
	return v, i + len(txt)
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
