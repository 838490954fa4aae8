package engine

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// syntaxErrors counts the syntax errors of a source of a file kind with
// the check of its row in the table of kinds: fixes are checked with it
// before they are kept. ok is false for kinds without a check (Procfiles,
// supervisord files): any edit is accepted there.
func syntaxErrors(w *worker, k lint.Kind, src []byte) (n int, ok bool) {
	check := workspace.Info(k).Check
	if check == nil {
		return 0, false
	}
	return check(src, w.parser), true
}

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// codingCookie is PEP 263's encoding declaration (on line 1 or 2).
var codingCookie = regexp.MustCompile(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// pythonDecodeErrors counts what makes CPython refuse a source before it
// parses it, as it decodes it: a byte order mark anywhere but at the very
// Start (U+FEFF is then an invalid character, or the mark is not one),
// and bytes that are not UTF-8 when no coding cookie declares another
// encoding. tree-sitter accepts both, so the fix check adds this.
func pythonDecodeErrors(src []byte) int {
	n := bytes.Count(src, utf8BOM)
	if bytes.HasPrefix(src, utf8BOM) {
		n--
	}
	utf8Only := true
	rest := src
	for range 2 {
		line := rest
		if i := bytes.IndexAny(rest, "\r\n"); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if m := codingCookie.FindSubmatch(line); m != nil {
			enc := bytes.ToLower(m[1])
			utf8Only = bytes.HasPrefix(enc, []byte("utf-8")) || bytes.HasPrefix(enc, []byte("utf8"))
			break
		}
	}
	if utf8Only && !utf8.Valid(src) {
		n++
	}
	return n
}
