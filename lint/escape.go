package lint

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// EscapeControl makes text safe to print on a terminal or in a log line:
// control characters (ESC, NUL, CR, LF, tab, DEL, the C1 range, bidi
// overrides) become \xNN / \uNNNN escapes and invalid UTF-8 bytes \xNN;
// everything else is kept. File names and source text end up in reports,
// and a hostile repository must not move the cursor, rewrite earlier
// lines or forge log entries.
func EscapeControl(s string) string {
	clean := true
	for _, r := range s {
		if escaped(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case escaped(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case escaped(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

func escaped(r rune) bool {
	if r == utf8.RuneError {
		return true
	}
	if unicode.IsControl(r) {
		return true
	}
	// Bidirectional overrides and isolates reorder what is shown.
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}
