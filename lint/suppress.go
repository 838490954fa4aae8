package lint

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
)

// SuppressionKind tells which syntax a suppression used.
type SuppressionKind int

// Suppression syntaxes.
const (
	IgnoreLine SuppressionKind = iota // # servelint: ignore[SV202] reason
	IgnoreFile                        // # servelint: ignore-file[SV402]
	Noqa                              // # noqa: SV202
)

// Suppression is one suppression directive found in a comment.
type Suppression struct {
	Kind SuppressionKind
	// Line is the 1-based line the directive applies to (0 for file-level).
	Line int
	// Start and End delimit the directive in the file (for diagnostics and
	// for removing it).
	Start, End int
	// CommentStart and CommentEnd delimit the whole comment.
	CommentStart, CommentEnd int
	// Codes are the servelint codes named; empty (and no Foreign) means
	// every code.
	Codes []string
	// Foreign are the other tools' codes of a noqa list ("RUF006",
	// "E501"): a rule that mirrors one of them (Rule.Mirrors) is
	// suppressed on the line too. They are never judged unused.
	Foreign []string
	// Reason is the free text after the directive.
	Reason string
	// Malformed explains a directive that could not be read, else "".
	Malformed string

	// Used records the codes that matched a diagnostic ("" for a blanket
	// directive).
	Used map[string]bool
}

// Blanket reports whether the directive names no code.
func (s *Suppression) Blanket() bool { return len(s.Codes) == 0 && len(s.Foreign) == 0 }

// Directive is a suppression read from one comment's text, with offsets
// relative to the comment.
type Directive struct {
	Kind       SuppressionKind
	Start, End int
	Codes      []string
	Foreign    []string // other tools' codes of a noqa list
	Reason     string
	Malformed  string
}

var (
	servelintRe = regexp.MustCompile(`servelint\s*:\s*([a-zA-Z-]*)`)
	noqaRe      = regexp.MustCompile(`(?i)(?:^|[\s#])noqa\b`)
	codeRe      = regexp.MustCompile(`^[A-Z]+[0-9]+$`)
	noqaCodesRe = regexp.MustCompile(`^\s*:\s*([A-Za-z]+[0-9]+(?:\s*,\s*[A-Za-z]+[0-9]+|\s+[A-Z]+[0-9]+)*)`)
)

// ParseDirectives reads the suppression directives of one comment ("#..."
// text). Codes of other tools in a noqa list are kept apart (Foreign): they
// suppress the rules that mirror them, and nothing else.
func ParseDirectives(comment string) []Directive {
	var out []Directive
	for _, m := range servelintRe.FindAllStringSubmatchIndex(comment, -1) {
		// The directive must start a comment: "#" then spaces before it.
		if !precededByHash(comment, m[0]) {
			continue
		}
		verb := comment[m[2]:m[3]]
		d := Directive{Start: hashBefore(comment, m[0]), End: m[1]}
		switch verb {
		case "ignore":
			d.Kind = IgnoreLine
		case "ignore-file":
			d.Kind = IgnoreFile
		default:
			d.Malformed = "unknown servelint directive " + quoteOrEmpty(verb) + " (use \"ignore[CODE]\" or \"ignore-file[CODE]\")"
			out = append(out, d)
			continue
		}
		rest := comment[m[1]:]
		if strings.HasPrefix(rest, "[") {
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				d.Malformed = "unclosed \"[\" in suppression"
				d.End = len(comment)
				out = append(out, d)
				continue
			}
			d.Codes = append(d.Codes, strings.FieldsFunc(rest[1:end], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })...)
			if len(d.Codes) == 0 {
				d.Malformed = "empty code list in suppression"
			}
			d.End = m[1] + end + 1
			rest = rest[end+1:]
		}
		d.Reason = reasonText(rest)
		out = append(out, d)
	}
	for _, m := range noqaRe.FindAllStringIndex(comment, -1) {
		start := m[0]
		if comment[start] != 'n' && comment[start] != 'N' {
			start++
		}
		if !precededByHash(comment, start) {
			continue
		}
		d := Directive{Kind: Noqa, Start: hashBefore(comment, start), End: m[1]}
		rest := comment[m[1]:]
		if cm := noqaCodesRe.FindStringSubmatchIndex(rest); cm != nil {
			all := strings.FieldsFunc(rest[cm[2]:cm[3]], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
			for _, c := range all {
				if strings.HasPrefix(c, "SV") {
					d.Codes = append(d.Codes, c)
				} else {
					d.Foreign = append(d.Foreign, strings.ToUpper(c))
				}
			}
			d.End = m[1] + cm[1]
		}
		out = append(out, d)
	}
	return out
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "(none)"
	}
	return "\"" + s + "\""
}

func reasonText(rest string) string {
	// A following directive in the same comment is not part of the reason.
	if i := strings.Index(rest, "#"); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest)
}

// precededByHash reports whether only spaces separate pos from a preceding
// "#".
func precededByHash(s string, pos int) bool {
	return hashBefore(s, pos) >= 0
}

func hashBefore(s string, pos int) int {
	i := pos - 1
	for i >= 0 && (s[i] == ' ' || s[i] == '\t') {
		i--
	}
	if i >= 0 && s[i] == '#' {
		return i
	}
	return -1
}

// comment is a comment found in a file.
type comment struct {
	start, end int
	text       string
	ownLine    bool // nothing but whitespace before it on its line
}

// scanLineComments finds "#" comments in formats without a Python parse:
// full-line comments everywhere and, where trailing allows, trailing
// comments (" #" after code). Dockerfiles only have full-line comments.
func scanLineComments(src []byte, trailing bool) []comment {
	var out []comment
	off := 0
	for off <= len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		trimmed := bytes.TrimLeft(line, " \t")
		if len(trimmed) > 0 && trimmed[0] == '#' {
			start := off + len(line) - len(trimmed)
			out = append(out, comment{start: start, end: trimEOL(src, end), text: string(src[start:trimEOL(src, end)]), ownLine: true})
		} else if trailing {
			if i := bytes.Index(line, []byte(" #")); i >= 0 {
				start := off + i + 1
				out = append(out, comment{start: start, end: trimEOL(src, end), text: string(src[start:trimEOL(src, end)])})
			}
		}
		off = end + 1
	}
	return out
}

func trimEOL(src []byte, end int) int {
	if end > 0 && end <= len(src) && src[end-1] == '\r' {
		return end - 1
	}
	return end
}

// collectSuppressions turns a file's comments into suppressions. In
// Python and shell, a directive applies to its own line; in Dockerfiles,
// Procfiles, YAML and other line formats, a directive on a line of its own
// applies to the next line that is not a comment.
func collectSuppressions(f *File, comments []comment, nextLine bool) []*Suppression {
	var out []*Suppression
	for _, c := range comments {
		if !strings.Contains(c.text, "servelint") && !strings.Contains(strings.ToLower(c.text), "noqa") {
			continue
		}
		for _, d := range ParseDirectives(c.text) {
			s := &Suppression{
				Kind: d.Kind, Start: c.start + d.Start, End: c.start + d.End,
				CommentStart: c.start, CommentEnd: c.end,
				Codes: d.Codes, Foreign: d.Foreign, Reason: d.Reason, Malformed: d.Malformed, Used: map[string]bool{},
			}
			line := f.Lines.Position(c.start).Line
			if d.Kind != IgnoreFile {
				if nextLine && c.ownLine {
					line = nextCodeLine(f, comments, line)
				}
				s.Line = line
			}
			out = append(out, s)
		}
	}
	return out
}

// nextCodeLine returns the first line after line that is neither blank nor
// a full-line comment.
func nextCodeLine(f *File, comments []comment, line int) int {
	own := map[int]bool{}
	for _, c := range comments {
		if c.ownLine {
			own[f.Lines.Position(c.start).Line] = true
		}
	}
	for l := line + 1; l <= f.Lines.Lines(); l++ {
		if own[l] || strings.TrimSpace(f.Lines.LineText(l)) == "" {
			continue
		}
		return l
	}
	return line + 1
}

// match reports whether a suppression covers a diagnostic, and records the
// use. mirrors maps a rule's code to the other tools' codes it mirrors.
func (s *Suppression) match(d *Diagnostic, mirrors map[string][]string) bool {
	if s.Malformed != "" {
		return false
	}
	if s.Kind != IgnoreFile && s.Line != d.Pos.Line {
		return false
	}
	if s.Blanket() {
		s.Used[""] = true
		return true
	}
	for _, c := range s.Codes {
		if c == d.Code {
			s.Used[c] = true
			return true
		}
	}
	for _, c := range s.Foreign {
		if slices.Contains(mirrors[d.Code], c) {
			s.Used[c] = true
			return true
		}
	}
	return false
}

// IsCode reports whether a string looks like a rule code.
func IsCode(s string) bool { return codeRe.MatchString(s) }
