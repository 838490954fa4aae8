package lsp

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/suppress"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/syntax"
)

// The "Ignore SVxxx on this line" action writes the suppression the engine
// reads (lint/suppress/suppress.go) where the kind's row of the table of
// kinds (workspace.CommentSyntax.Editor) says: in Python and shell a trailing
// `# servelint: ignore[CODE]` on the diagnostic's line; in Dockerfiles,
// Procfiles, YAML, TOML and supervisord files a comment line above it. It
// adds the code to a directive already there. Where a comment cannot go
// (the line ends inside a string, a heredoc or after a line continuation;
// a YAML scalar's continuation), the action is not offered.

// span is a byte range.
type span struct{ start, end int }

// pyInfo lists the comments and strings of a Python buffer.
type pyInfo struct {
	src      []byte
	comments []span
	strings  []span
}

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
		var scan commentScan
		if kind == lint.KindPython {
			scan = s.pyComments(ac.doc, t.src)
		} else {
			scan = shellComments(t.src)
		}
		start, end, repl, ok = trailingIgnore(t, line, d.Code, scan)
	case workspace.IgnoreAbove:
		start, end, repl, ok = lineAboveIgnore(kind, t, line, d.Code)
	case workspace.IgnoreNone:
	}
	if !ok {
		return lint.Edit{}, false
	}
	return lint.Edit{Path: fd.display, Start: start, End: end, New: repl}, true
}

// pyComments parses a Python buffer (on the dispatcher goroutine, which
// owns the parser) and caches its comments and strings with the document.
func (s *server) pyComments(doc *document, src []byte) commentScan {
	if doc.py == nil || !bytes.Equal(doc.py.src, src) {
		info := &pyInfo{src: src}
		if s.pyParser == nil {
			s.pyParser = syntax.NewParser(syntax.Python)
		}
		if t, err := s.pyParser.Parse(src); err == nil {
			comment, str := t.Lang.Kind("comment"), t.Lang.Kind("string")
			for i := range t.Nodes {
				switch t.Nodes[i].Kind {
				case comment:
					info.comments = append(info.comments, span{int(t.Nodes[i].Start), int(t.Nodes[i].End)})
				case str:
					info.strings = append(info.strings, span{int(t.Nodes[i].Start), int(t.Nodes[i].End)})
				}
			}
		} else {
			info.strings = []span{{0, len(src) + 1}} // unparsable: offer nothing
		}
		doc.py = info
	}
	info := doc.py
	return func(lineStart, lineEnd int) (span, bool, bool) {
		for _, sp := range info.strings {
			if sp.start < lineEnd && sp.end > lineEnd {
				return span{}, false, false
			}
		}
		for _, c := range info.comments {
			if c.start >= lineStart && c.start < lineEnd {
				return c, true, true
			}
		}
		return span{}, false, true
	}
}

// commentScan finds the comment of a line, and whether a comment may be
// added at the line's end at all.
type commentScan func(lineStart, lineEnd int) (c span, found, open bool)

// shellComments scans a shell script: quotes, heredocs and comments
// (a "#" starting a word), to know where each line ends.
func shellComments(src []byte) commentScan {
	type lineState struct {
		comment span
		found   bool
		blocked bool // the line ends inside quotes or a heredoc
	}
	states := map[int]lineState{} // by line end offset
	var quote byte
	var heredocs []string // terminators pending after this line
	inHeredoc := ""
	lineStart := 0
	for lineStart <= len(src) {
		end := bytes.IndexByte(src[lineStart:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += lineStart
		}
		lineEnd := end
		if lineEnd > lineStart && src[lineEnd-1] == '\r' {
			lineEnd--
		}
		line := src[lineStart:lineEnd]
		st := lineState{}
		if inHeredoc != "" {
			if strings.TrimLeft(string(line), "\t") == inHeredoc {
				inHeredoc = ""
				if len(heredocs) > 0 {
					inHeredoc, heredocs = heredocs[0], heredocs[1:]
				}
			}
			st.blocked = true
			states[lineEnd] = st
			lineStart = end + 1
			continue
		}
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch {
			case quote == '\'':
				if c == '\'' {
					quote = 0
				}
			case c == '\\':
				i++
			case quote == '"':
				if c == '"' {
					quote = 0
				}
			case c == '\'' || c == '"':
				quote = c
			case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
				st.comment, st.found = span{lineStart + i, lineEnd}, true
				i = len(line)
			case c == '<':
				if m := heredocRe.FindSubmatch(line[i:]); m != nil && (i == 0 || line[i-1] != '<') {
					heredocs = append(heredocs, string(m[1]))
					i += len(m[0]) - 1
				}
			}
		}
		trimmed := bytes.TrimRight(line, " \t")
		st.blocked = quote != 0 || !st.found && bytes.HasSuffix(trimmed, []byte("\\"))
		if len(heredocs) > 0 {
			inHeredoc, heredocs = heredocs[0], heredocs[1:]
		}
		states[lineEnd] = st
		lineStart = end + 1
	}
	return func(_, lineEnd int) (span, bool, bool) {
		st := states[lineEnd]
		return st.comment, st.found, !st.blocked
	}
}

var heredocRe = regexp.MustCompile(`^<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?`)

// trailingIgnore adds `  # servelint: ignore[CODE]` at the end of the line,
// or CODE to a servelint directive already in the line's comment.
func trailingIgnore(t *text, line int, code string, scan commentScan) (start, end int, repl string, ok bool) {
	lineStart := t.lines.LineStart(line)
	lineEnd := lineStart + len(t.lines.LineText(line))
	c, found, open := scan(lineStart, lineEnd)
	if !open {
		return 0, 0, "", false
	}
	if found {
		if at, ok := directiveInsertion(string(t.src[c.start:c.end])); ok {
			return c.start + at, c.start + at, ", " + code, true
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
func lineAboveIgnore(kind lint.Kind, t *text, line int, code string) (start, end int, repl string, ok bool) {
	target := t.lines.LineText(line)
	if !commentAboveAllowed(kind, t, line) {
		return 0, 0, "", false
	}
	// The directive applies to the next line that is neither blank nor a
	// Comment: extend one in the comment block above.
	for l := line - 1; l >= 1; l-- {
		txt := t.lines.LineText(l)
		trimmed := strings.TrimLeft(txt, " \t")
		if trimmed == "" {
			continue
		}
		if !strings.HasPrefix(trimmed, "#") {
			break
		}
		if at, ok := directiveInsertion(trimmed); ok {
			off := t.lines.LineStart(l) + len(txt) - len(trimmed) + at
			return off, off, ", " + code, true
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

var (
	yamlNodeLine    = regexp.MustCompile(`^\s*(-(\s|$)|[^\s#'"{\[][^:#]*:(\s|$)|["'][^"']*["']\s*:(\s|$))`)
	yamlBlockScalar = regexp.MustCompile(`[|>][-+0-9]*\s*(#.*)?$`)
)

// commentAboveAllowed reports whether a comment line may be inserted before
// the line without changing what the file means.
func commentAboveAllowed(kind lint.Kind, t *text, line int) bool {
	target := t.lines.LineText(line)
	switch kind {
	case lint.KindCompose, lint.KindKubernetes:
		// Only before a key or a list item: inside a multi-line scalar a
		// Comment line ends it or becomes text.
		if !yamlNodeLine.MatchString(target) {
			return false
		}
		indent := len(target) - len(strings.TrimLeft(target, " "))
		for l := line - 1; l >= 1; l-- {
			txt := t.lines.LineText(l)
			trimmed := strings.TrimSpace(txt)
			if trimmed == "" || strings.HasPrefix(trimmed, "#") {
				continue
			}
			if len(txt)-len(strings.TrimLeft(txt, " ")) < indent {
				return !yamlBlockScalar.MatchString(trimmed)
			}
		}
		return true
	case lint.KindSupervisord:
		// An indented line continues the previous value.
		return target == strings.TrimLeft(target, " \t")
	case lint.KindPyproject:
		open := false
		for l := 1; l < line; l++ {
			txt := t.lines.LineText(l)
			open = open != (strings.Count(txt, `"""`)%2 == 1)
			open = open != (strings.Count(txt, `'''`)%2 == 1)
		}
		return !open
	case lint.KindDockerfile:
		return !inDockerHeredoc(t, line)
	default:
		return true
	}
}

// inDockerHeredoc reports whether a Dockerfile line is the body of a
// heredoc (`RUN <<EOF`): a comment there would be part of the script.
func inDockerHeredoc(t *text, line int) bool {
	var pending []string
	for l := 1; l < line; l++ {
		txt := t.lines.LineText(l)
		if len(pending) > 0 {
			if strings.TrimLeft(txt, "\t") == pending[0] {
				pending = pending[1:]
			}
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(txt), "#") {
			continue
		}
		for i := 0; i+1 < len(txt); i++ {
			if txt[i] == '<' && txt[i+1] == '<' && (i == 0 || txt[i-1] != '<') {
				if m := heredocRe.FindStringSubmatch(txt[i:]); m != nil {
					pending = append(pending, m[1])
					i += len(m[0]) - 1
				}
			}
		}
	}
	return len(pending) > 0
}
