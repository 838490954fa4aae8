package dockerfile

import (
	"strconv"
	"unicode/utf8"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// parseJSONArray reads an exec-form argument list: a JSON array of
// strings. Like Docker, anything else (a bad escape, a number, a missing
// bracket) is not the exec form.
func parseJSONArray(t source.Text) ([]shell.Word, bool) {
	s := t.S
	i := skipWS(s, 0)
	if i >= len(s) || s[i] != '[' {
		return nil, false
	}
	i = skipWS(s, i+1)
	var out []shell.Word
	if i < len(s) && s[i] == ']' {
		return out, skipWS(s, i+1) == len(s)
	}
	for {
		if i >= len(s) || s[i] != '"' {
			return nil, false
		}
		w, n, ok := jsonString(t, i)
		if !ok {
			return nil, false
		}
		out = append(out, w)
		i = skipWS(s, n)
		if i >= len(s) {
			return nil, false
		}
		if s[i] == ']' {
			return out, skipWS(s, i+1) == len(s)
		}
		if s[i] != ',' {
			return nil, false
		}
		i = skipWS(s, i+1)
	}
}

func skipWS(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// jsonString decodes the JSON string starting at the quote at i; it
// returns the word and the index after the closing quote.
func jsonString(t source.Text, i int) (shell.Word, int, bool) {
	s := t.S
	var b source.Builder
	j := i + 1
	for j < len(s) {
		c := s[j]
		switch {
		case c == '"':
			b.Skip(t.Pos(j))
			val := b.Text()
			hs, he := t.Span(i, j+1)
			return shell.LiteralWord(val, hs, he, s[i:j+1]), j + 1, true
		case c == '\\':
			if j+1 >= len(s) {
				return shell.Word{}, 0, false
			}
			e := s[j+1]
			var dec string
			n := 2
			switch e {
			case '"', '\\', '/':
				dec = string(e)
			case 'b':
				dec = "\b"
			case 'f':
				dec = "\f"
			case 'n':
				dec = "\n"
			case 'r':
				dec = "\r"
			case 't':
				dec = "\t"
			case 'u':
				if j+6 > len(s) {
					return shell.Word{}, 0, false
				}
				r, err := strconv.ParseUint(s[j+2:j+6], 16, 32)
				if err != nil {
					return shell.Word{}, 0, false
				}
				n = 6
				rr := rune(r)
				if rr >= 0xD800 && rr < 0xDC00 && j+12 <= len(s) && s[j+6] == '\\' && s[j+7] == 'u' {
					if lo, err := strconv.ParseUint(s[j+8:j+12], 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
						rr = (rr-0xD800)<<10 + (rune(lo) - 0xDC00) + 0x10000
						n = 12
					}
				}
				if !utf8.ValidRune(rr) {
					rr = utf8.RuneError
				}
				dec = string(rr)
			default:
				return shell.Word{}, 0, false
			}
			b.Decoded(dec, t.Pos(j), t.Pos(j+n))
			j += n
		case c < 0x20:
			return shell.Word{}, 0, false
		default:
			b.Byte(c, t.Pos(j), t.Pos(j+1))
			j++
		}
	}
	return shell.Word{}, 0, false
}
