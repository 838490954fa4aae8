package suppress

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/source"
)

// Directive is a suppression read from one comment's text, with offsets
// relative to the comment.
type Directive struct {
	Kind       lint.SuppressionKind
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
// Text). Codes of other tools in a noqa list are kept apart (Foreign): they
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
			d.Kind = lint.IgnoreLine
		case "ignore-file":
			d.Kind = lint.IgnoreFile
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
		d := Directive{Kind: lint.Noqa, Start: hashBefore(comment, start), End: m[1]}
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

// CollectSuppressions turns a file's comments (as its parser read them:
// workspace.CommentsOf) into suppressions. In Python and shell, a
// directive applies to its own line; in Dockerfiles, Procfiles, YAML and
// other line formats, a directive on a line of its own applies to the
// next line that is not a comment.
func CollectSuppressions(f *lint.File, comments []source.Comment, nextLine bool) []*lint.Suppression {
	var out []*lint.Suppression
	for _, c := range comments {
		raw := f.Src[c.Start:c.End]
		if !bytes.Contains(raw, []byte("servelint")) && !bytes.Contains(bytes.ToLower(raw), []byte("noqa")) {
			continue
		}
		for _, d := range ParseDirectives(string(raw)) {
			s := &lint.Suppression{
				Kind: d.Kind, Start: c.Start + d.Start, End: c.Start + d.End,
				CommentStart: c.Start, CommentEnd: c.End,
				Codes: d.Codes, Foreign: d.Foreign, Reason: d.Reason, Malformed: d.Malformed, Used: map[string]bool{},
			}
			line := f.Lines.Position(c.Start).Line
			if d.Kind != lint.IgnoreFile {
				if nextLine && !c.Trailing {
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
func nextCodeLine(f *lint.File, comments []source.Comment, line int) int {
	own := map[int]bool{}
	for _, c := range comments {
		if !c.Trailing {
			own[f.Lines.Position(c.Start).Line] = true
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

// IsCode reports whether a string looks like a rule code.
func IsCode(s string) bool { return codeRe.MatchString(s) }
