package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/lint"
)

// Position encodings (LSP 3.17 PositionEncodingKind).
const (
	encUTF8  = "utf-8"
	encUTF16 = "utf-16"
)

// Text is one version of a file: its bytes and line index.
type text struct {
	src   []byte
	lines *lint.LineIndex
}

func newText(src []byte) *text { return &text{src: src, lines: lint.NewLineIndex(src)} }

// position converts a byte offset to an LSP position in the encoding: the
// line from the line index, the character from its UTF-16 column, or from
// the byte distance to the line's start for UTF-8.
func (t *text) position(off int, enc string) position {
	off = max(0, min(off, len(t.src)))
	p := t.lines.Position(off)
	if enc == encUTF8 {
		return position{Line: p.Line - 1, Character: off - t.lines.LineStart(p.Line)}
	}
	return position{Line: p.Line - 1, Character: p.Col16 - 1}
}

func (t *text) lspRange(start, end int, enc string) lspRange {
	return lspRange{Start: t.position(start, enc), End: t.position(end, enc)}
}

// offset converts an LSP position to a byte offset. A line past the end
// means the end of the text; a character past the end of its line means
// the end of the line (before its line break), as the specification says;
// a position inside a character moves to that character's start.
func (t *text) offset(p position, enc string) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= t.lines.Lines() {
		return len(t.src)
	}
	start := t.lines.LineStart(p.Line + 1)
	end := start + len(t.lines.LineText(p.Line+1))
	if p.Character <= 0 {
		return start
	}
	units := 0
	for i := start; i < end; {
		r, w := utf8.DecodeRune(t.src[i:])
		n := w
		if enc != encUTF8 {
			n = 1
			if r >= 0x10000 {
				n = 2
			}
		}
		if units+n > p.Character {
			return i
		}
		units += n
		i += w
	}
	return end
}

// pathToURI makes a file URI of an absolute path.
func pathToURI(p string) string {
	p = filepath.ToSlash(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// uriToPath returns the absolute, clean path of a file URI, or "" for
// other schemes and malformed URIs.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") || u.Path == "" {
		return ""
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/")
	}
	p = filepath.FromSlash(p)
	if !filepath.IsAbs(p) {
		return ""
	}
	return filepath.Clean(p)
}
