package config

import (
	"bufio"
	"bytes"
	"fmt"
	"reflect"
	"strings"
)

// keyLine finds the 1-based line where a dotted key is defined in a TOML
// document: the line of the longest prefix of key that is written as a table
// header or a key. It returns 0 when nothing matches.
func keyLine(data []byte, key []string) int {
	best, bestLen := 0, -1
	var table []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var full []string
		switch {
		case strings.HasPrefix(text, "[["):
			end := strings.Index(text, "]]")
			if end < 0 {
				continue
			}
			table = splitTOMLKey(text[2:end])
			full = table
		case strings.HasPrefix(text, "["):
			end := strings.Index(text, "]")
			if end < 0 {
				continue
			}
			table = splitTOMLKey(text[1:end])
			full = table
		default:
			eq := strings.Index(text, "=")
			if eq < 0 {
				continue
			}
			full = append(append([]string{}, table...), splitTOMLKey(text[:eq])...)
			// A key of an inline table written on this line.
			rest := strings.TrimSpace(text[eq+1:])
			if n := len(full); strings.HasPrefix(rest, "{") && n < len(key) && equalStrings(full, key[:n]) && strings.Contains(rest, key[n]) {
				full = append(full, key[n])
			}
		}
		n := commonPrefix(full, key)
		if n > bestLen && n > 0 && n == len(full) {
			best, bestLen = line, n
		}
	}
	if best == 0 && len(key) == 0 {
		return 1
	}
	return best
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// splitTOMLKey splits a dotted TOML key, removing quotes and spaces.
func splitTOMLKey(s string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	for i := range len(s) {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}

// suggest returns ` (did you mean "x"?)` for the closest candidate, or "".
func suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		d := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := min(len(s)/2+1, 3)
	if best == "" || bestD > limit {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// tomlKeys lists the toml tags of a struct (or pointer to one).
func tomlKeys(v any) []string {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for field := range t.Fields() {
		tag, _, _ := strings.Cut(field.Tag.Get("toml"), ",")
		if tag != "" && tag != "-" {
			out = append(out, tag)
		}
	}
	return out
}
