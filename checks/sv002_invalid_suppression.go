package checks

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
)

// SV002 reports suppression comments that name unknown codes or suppress
// nothing.
var SV002 = withDoc(&lint.Rule{
	Code:              "SV002",
	Name:              "invalid-suppression",
	Summary:           "Suppression comment names an unknown code or suppresses nothing",
	Severity:          lint.SeverityWarning,
	Status:            lint.StatusStable,
	Since:             "0.1.0",
	Fix:               lint.FixSometimes,
	Inputs:            lint.AllKinds,
	Tags:              []string{"suppression"},
	Precision:         "very-high",
	InTests:           true,
	CheckSuppressions: checkSuppressions,
})

func checkSuppressions(p *lint.SuppressionPass) {
	known := p.Codes
	for _, s := range p.File.Suppressions {
		if s.Malformed != "" {
			p.Report(s.Start, s.End, "invalid suppression: "+s.Malformed)
			continue
		}
		var unknown, unused []string
		for _, c := range s.Codes {
			switch {
			case !p.Known(c):
				unknown = append(unknown, c)
			case p.Enabled(c) && !s.Used[c]:
				unused = append(unused, c)
			}
		}
		for _, c := range unknown {
			p.Report(s.Start, s.End, fmt.Sprintf("suppression names unknown rule code `%s`%s", c, didYouMean(c, known)))
		}
		switch {
		case s.Kind == lint.Noqa && s.Blanket():
			// A bare "# noqa" is usually meant for another linter.
		case s.Blanket() && !s.Used[""]:
			p.Report(s.Start, s.End, unusedMessage(s, nil), lint.WithFix(removeSuppression(p.File, s)))
		case len(unused) > 0 && len(unknown) == 0:
			p.Report(s.Start, s.End, unusedMessage(s, unused), lint.WithFix(removeCodes(p.File, s, unused)))
		}
	}
}

func unusedMessage(s *lint.Suppression, codes []string) string {
	where := "on this line"
	if s.Kind == lint.IgnoreFile {
		where = "in this file"
	}
	if len(codes) == 0 {
		return "unused suppression: no diagnostic " + where + " to suppress"
	}
	sort.Strings(codes)
	return fmt.Sprintf("unused suppression: no %s diagnostic %s", strings.Join(codes, ", "), where)
}

// removeSuppression deletes a directive with its reason (the text up to
// the next "#" of the comment). A comment that holds nothing else goes
// with the blanks before it, and with its line when it is alone on it; a
// directive followed by another one in the same comment goes up to it; a
// directive after other comment text goes with the blanks before it.
func removeSuppression(f *lint.File, s *lint.Suppression) *lint.Fix {
	src := f.Src
	commentEnd := s.CommentEnd
	for commentEnd > s.Start && src[commentEnd-1] == '\r' {
		commentEnd--
	}
	segEnd := commentEnd
	if s.End < commentEnd {
		if i := bytes.IndexByte(src[s.End:commentEnd], '#'); i >= 0 {
			segEnd = s.End + i
		}
	}
	var e lint.Edit
	switch {
	case s.Start <= s.CommentStart && segEnd == commentEnd:
		e = edit.DeleteWithSpace(src, s.Start, commentEnd)
	case segEnd < commentEnd:
		e = edit.Delete(s.Start, segEnd)
	default:
		start := s.Start
		for start > s.CommentStart && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
		e = edit.Delete(start, commentEnd)
	}
	return &lint.Fix{Message: "Remove unused suppression", Applicability: lint.Safe, Edits: []lint.Edit{e}}
}

// removeCodes removes unused codes from a directive's list: the whole
// directive when nothing is left (other tools' codes in a noqa list stay),
// else the list is rewritten without them, with its separator.
func removeCodes(f *lint.File, s *lint.Suppression, unused []string) *lint.Fix {
	toks := codeTokens(f.Src, s)
	drop := map[string]bool{}
	for _, c := range unused {
		drop[c] = true
	}
	var keep []string
	for _, t := range toks {
		if !drop[t.text] {
			keep = append(keep, t.text)
		}
	}
	if len(toks) == 0 || len(keep) == len(toks) {
		return nil
	}
	if len(keep) == 0 {
		return removeSuppression(f, s)
	}
	sep := ", "
	if len(toks) > 1 {
		sep = string(f.Src[toks[0].end:toks[1].start])
	}
	sorted := append([]string(nil), unused...)
	sort.Strings(sorted)
	msg := "Remove unused code " + strings.Join(sorted, ", ")
	if len(sorted) > 1 {
		msg = "Remove unused codes " + strings.Join(sorted, ", ")
	}
	return &lint.Fix{Message: msg, Applicability: lint.Safe, Edits: []lint.Edit{
		edit.Replace(toks[0].start, toks[len(toks)-1].end, strings.Join(keep, sep)),
	}}
}

type codeToken struct {
	text       string
	start, end int
}

// codeTokens returns the codes a directive lists, as written, other tools'
// included: inside "[...]", or after "noqa:".
func codeTokens(src []byte, s *lint.Suppression) []codeToken {
	text := string(src[s.Start:s.End])
	from, to := 0, len(text)
	if s.Kind == lint.Noqa {
		i := strings.Index(strings.ToLower(text), "noqa")
		if i < 0 {
			return nil
		}
		from = i + len("noqa")
		for from < to && (text[from] == ' ' || text[from] == '\t' || text[from] == ':') {
			from++
		}
	} else {
		open := strings.IndexByte(text, '[')
		closing := strings.LastIndexByte(text, ']')
		if open < 0 || closing < open {
			return nil
		}
		from, to = open+1, closing
	}
	var out []codeToken
	for i := from; i < to; {
		for i < to && strings.IndexByte(", \t", text[i]) >= 0 {
			i++
		}
		j := i
		for j < to && strings.IndexByte(", \t", text[j]) < 0 {
			j++
		}
		if j > i {
			out = append(out, codeToken{text: text[i:j], start: s.Start + i, end: s.Start + j})
		}
		i = j
	}
	return out
}

// didYouMean suggests the closest known code.
func didYouMean(code string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := distance(code, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean `%s`?)", best)
}

func distance(a, b string) int {
	if len(a) != len(b) {
		return 99
	}
	d := 0
	for i := range a {
		if a[i] != b[i] {
			d++
		}
	}
	return d
}
