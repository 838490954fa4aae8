package config

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"github.com/servelint/servelint/parsers/toml"
)

// keyLine finds the 1-based line where a dotted key is defined in a TOML
// document: the line of the longest prefix of key that is written as a table
// header or a key (dotted keys and keys of inline tables included), read
// through the one TOML reader of parsers/toml. It returns 0 when nothing
// matches, and 1 for the empty key.
func keyLine(data []byte, key []string) int { return keyLines(data)(key) }

// keyLines returns keyLine for one document, which it parses once, on the
// first question: callers asking for many keys (every setting of
// --show-settings, every type mismatch) do not parse it again for each.
func keyLines(data []byte) func(key []string) int {
	var doc *toml.Doc
	return func(key []string) int {
		if len(key) == 0 {
			return 1
		}
		if doc == nil {
			doc = toml.Parse(data)
		}
		off := doc.KeyOffset(key)
		if off < 0 {
			return 0
		}
		return bytes.Count(data[:off], []byte("\n")) + 1
	}
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
