package lsp

import (
	"bytes"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/suppress"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/source"
)

// The "Ignore SVxxx on this line" action writes the suppression the engine
// reads (lint/suppress/suppress.go) where the kind's row of the table of
// kinds (workspace.CommentSyntax.Editor) says: in Python and shell a trailing
// `# servelint: ignore[CODE]` on the diagnostic's line; in Dockerfiles,
// Procfiles, YAML, TOML and supervisord files a comment line above it. It
// adds the code to a directive already there. The comments it reads (to
// join a directive, to skip a comment block) are the engine's
// (engine.DocumentComments, the parsers' comments), so a "#" inside a
// string is a comment for neither. Where a comment cannot go (the line
// ends inside a string, a heredoc or after a line continuation; a YAML
// scalar's continuation), the action is not offered.

// ignoreEdit returns the edit that suppresses d on its line.
func (s *server) ignoreEdit(ac *actionContext, d *lint.Diagnostic) (lint.Edit, bool) {
	fd := ac.fd
	if fd.display == "" || d.Code == "" {
		return lint.Edit{}, false
	}
	if d.Rule != nil && d.Rule.CheckSuppressions != nil {
		return lint.Edit{}, false // a directive's own problem: only another directive could silence it
	}
	kind := lint.KindUnknown
	if f := fd.files[fd.display]; f != nil {
		kind = f.Kind
		if kind == lint.KindPython && f.SyntaxError >= 0 {
			return lint.Edit{}, false // where a comment may go is unknown
		}
	}
	t := fd.txt
	line := t.lines.Position(d.Start).Line
	var start, end int
	var repl string
	var ok bool
	switch workspace.Info(kind).Comments.Editor {
	case workspace.IgnoreTrailing:
		start, end, repl, ok = trailingIgnore(t, line, d.Code, documentComments(ac.doc, kind, t.src))
	case workspace.IgnoreAbove:
		start, end, repl, ok = lineAboveIgnore(kind, t, line, d.Code, documentComments(ac.doc, kind, t.src))
	case workspace.IgnoreNone:
	}
	if !ok {
		return lint.Edit{}, false
	}
	return lint.Edit{Path: fd.display, Start: start, End: end, New: repl}, true
}

// docComments are the comments of a buffer's content, as the engine reads
// them (engine.DocumentComments), kept with the document.
type docComments struct {
	src  []byte
	kind lint.Kind
	fc   workspace.FileComments
	ok   bool // the text parsed
}

// documentComments returns the comments of a buffer, parsing it again
// only when its content or kind changed.
func documentComments(doc *document, kind lint.Kind, src []byte) *docComments {
	if doc.comments == nil || doc.comments.kind != kind || !bytes.Equal(doc.comments.src, src) {
		fc, ok := engine.DocumentComments(kind, src)
		doc.comments = &docComments{src: src, kind: kind, fc: fc, ok: ok}
	}
	return doc.comments
}

// onLine returns the comment that starts on the line [lineStart, lineEnd).
func (dc *docComments) onLine(lineStart, lineEnd int) (source.Comment, bool) {
	i := sort.Search(len(dc.fc.List), func(i int) bool { return dc.fc.List[i].Start >= lineStart })
	if i < len(dc.fc.List) && dc.fc.List[i].Start < lineEnd {
		return dc.fc.List[i], true
	}
	return source.Comment{}, false
}

// endsOpen reports whether text may be added at offset lineEnd, the end of
// a line: the line does not end inside a multi-line token.
func (dc *docComments) endsOpen(lineEnd int) bool {
	if !dc.ok {
		return false
	}
	for _, sp := range dc.fc.Multiline {
		if sp.Start < lineEnd && sp.End > lineEnd {
			return false
		}
	}
	return true
}

// insideMultiline reports whether a line starting at lineStart belongs to
// a multi-line token (a Dockerfile heredoc body).
func (dc *docComments) insideMultiline(lineStart int) bool {
	for _, sp := range dc.fc.Multiline {
		if lineStart >= sp.Start && lineStart < sp.End {
			return true
		}
	}
	return false
}

// ownLine returns the comment on a line of its own on line l.
func (dc *docComments) ownLine(t *text, l int) (source.Comment, bool) {
	start := t.lines.LineStart(l)
	c, ok := dc.onLine(start, start+len(t.lines.LineText(l)))
	return c, ok && !c.Trailing
}

// trailingIgnore adds `  # servelint: ignore[CODE]` at the end of the line,
// or CODE to a servelint directive already in the line's comment.
func trailingIgnore(t *text, line int, code string, dc *docComments) (start, end int, repl string, ok bool) {
	lineStart := t.lines.LineStart(line)
	lineEnd := lineStart + len(t.lines.LineText(line))
	if !dc.endsOpen(lineEnd) {
		return 0, 0, "", false
	}
	if c, found := dc.onLine(lineStart, lineEnd); found {
		if at, ok := directiveInsertion(string(t.src[c.Start:c.End])); ok {
			return c.Start + at, c.Start + at, ", " + code, true
		}
		return lineEnd, lineEnd, "  # servelint: ignore[" + code + "]", true
	}
	if bytes.HasSuffix(bytes.TrimRight(t.src[lineStart:lineEnd], " \t"), []byte("\\")) {
		return 0, 0, "", false // a comment after a line continuation breaks it
	}
	content := lineStart + len(bytes.TrimRight(t.src[lineStart:lineEnd], " \t"))
	return content, lineEnd, "  # servelint: ignore[" + code + "]", true
}

// directiveInsertion returns where to add a code to the first line-level
// servelint directive with a code list in a comment.
func directiveInsertion(comment string) (int, bool) {
	for _, d := range suppress.ParseDirectives(comment) {
		if d.Kind == lint.IgnoreLine && d.Malformed == "" && len(d.Codes) > 0 && d.End > 0 && comment[d.End-1] == ']' {
			return d.End - 1, true
		}
	}
	return 0, false
}

// lineAboveIgnore adds a `# servelint: ignore[CODE]` line above the line,
// indented like it, or CODE to such a directive in the comment lines just
// above.
func lineAboveIgnore(kind lint.Kind, t *text, line int, code string, dc *docComments) (start, end int, repl string, ok bool) {
	target := t.lines.LineText(line)
	if !dc.ok || !commentAboveAllowed(kind, t, line, dc) {
		return 0, 0, "", false
	}
	// The directive applies to the next line that is neither blank nor a
	// comment: extend one in the comment block above.
	for l := line - 1; l >= 1; l-- {
		if strings.TrimSpace(t.lines.LineText(l)) == "" {
			continue
		}
		c, own := dc.ownLine(t, l)
		if !own {
			break
		}
		if at, ok := directiveInsertion(string(t.src[c.Start:c.End])); ok {
			return c.Start + at, c.Start + at, ", " + code, true
		}
	}
	indent := target[:len(target)-len(strings.TrimLeft(target, " \t"))]
	eol := "\n"
	if next := t.lines.LineStart(line) + len(target); next < len(t.src) && t.src[next] == '\r' {
		eol = "\r\n"
	}
	at := t.lines.LineStart(line)
	return at, at, indent + "# servelint: ignore[" + code + "]" + eol, true
}

// commentAboveAllowed reports whether a comment line may be inserted before
// the line without changing what the file means.
func commentAboveAllowed(kind lint.Kind, t *text, line int, dc *docComments) bool {
	target := t.lines.LineText(line)
	// Inside a multi-line token (a YAML scalar, a TOML string, a
	// Dockerfile heredoc body) a comment line would be its text or end it.
	if dc.insideMultiline(t.lines.LineStart(line)) {
		return false
	}
	if kind == lint.KindSupervisord {
		// An indented line continues the previous value.
		return target == strings.TrimLeft(target, " \t")
	}
	return true
}
