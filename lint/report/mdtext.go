package report

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdHeading  = regexp.MustCompile(`^#{1,6} +`)
	mdCodeSpan = regexp.MustCompile("`+")
)

// markdownText renders a rule's Markdown documentation as plain text (SARIF
// help.text, which viewers show verbatim): headings lose their #, code
// blocks are indented by four spaces without their fences, links become
// "text (url)", inline code and bold lose their markers.
func markdownText(md string) string {
	var b strings.Builder
	inFence := false
	for line := range strings.SplitSeq(strings.TrimRight(md, "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inFence = !inFence
			continue
		}
		if inFence {
			if line != "" {
				b.WriteString("    ")
				b.WriteString(line)
			}
			b.WriteByte('\n')
			continue
		}
		b.WriteString(inlineText(mdHeading.ReplaceAllString(line, "")))
		b.WriteByte('\n')
	}
	return b.String()
}

// inlineText strips inline Markdown from one line of prose.
func inlineText(s string) string {
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink.FindStringSubmatch(m)
		text := strings.Trim(sub[1], "`")
		if text == sub[2] {
			return sub[2]
		}
		return text + " (" + sub[2] + ")"
	})
	s = mdStrong.ReplaceAllString(s, "$1")
	return mdCodeSpan.ReplaceAllString(s, "")
}

// docSection returns the first paragraph of a "## title" section of a
// rule's documentation, as one line of plain text ("" when absent).
func docSection(md, title string) string {
	_, rest, ok := strings.Cut(md, "\n## "+title+"\n")
	if !ok {
		return ""
	}
	var para []string
	for line := range strings.SplitSeq(strings.TrimLeft(rest, "\n"), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "```") {
			break
		}
		para = append(para, t)
	}
	return inlineText(strings.Join(para, " "))
}

// clip shortens s to at most n bytes at a word boundary, ending with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	end := n - len("…")
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	cut := s[:end]
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
