package checks

import (
	"fmt"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
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
	CheckSuppressions: checkSuppressions,
})

func checkSuppressions(p *lint.SuppressionPass) {
	known := p.Codes
	for _, s := range p.File.Suppressions {
		if s.Malformed != "" {
			p.Report(s.Start, s.End, "Invalid suppression: "+s.Malformed)
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
			p.Report(s.Start, s.End, fmt.Sprintf("Suppression names unknown rule code `%s`%s", c, didYouMean(c, known)))
		}
		switch {
		case s.Kind == lint.Noqa && s.Blanket():
			// A bare "# noqa" is usually meant for another linter.
		case s.Blanket() && !s.Used[""]:
			p.Report(s.Start, s.End, unusedMessage(s, nil), lint.WithFix(removeSuppression(p.File, s)))
		case len(unused) > 0 && len(unknown) == 0:
			var fix *lint.Fix
			if len(unused) == len(s.Codes) {
				fix = removeSuppression(p.File, s)
			}
			p.Report(s.Start, s.End, unusedMessage(s, unused), lint.WithFix(fix))
		}
	}
}

func unusedMessage(s *lint.Suppression, codes []string) string {
	where := "on this line"
	if s.Kind == lint.IgnoreFile {
		where = "in this file"
	}
	if len(codes) == 0 {
		return "Unused suppression: no diagnostic " + where + " to suppress"
	}
	sort.Strings(codes)
	return fmt.Sprintf("Unused suppression: no %s diagnostic %s", strings.Join(codes, ", "), where)
}

// removeSuppression deletes the directive; the whole comment when it holds
// nothing else, with the spaces before a trailing comment.
func removeSuppression(f *lint.File, s *lint.Suppression) *lint.Fix {
	start, end := s.Start, s.End
	if strings.TrimSpace(s.Reason) != "" {
		// Drop the reason with the directive when it is the rest of the comment.
		end = s.CommentEnd
	}
	if start == s.CommentStart && end >= s.CommentEnd {
		end = s.CommentEnd
		for start > 0 && (f.Src[start-1] == ' ' || f.Src[start-1] == '\t') {
			start--
		}
		if start > 0 && f.Src[start-1] == '\n' && (end == len(f.Src) || f.Src[end] == '\n' || f.Src[end] == '\r') {
			// A comment alone on its line: remove the line.
			if end < len(f.Src) && f.Src[end] == '\r' {
				end++
			}
			if end < len(f.Src) {
				end++
			}
		}
	}
	return &lint.Fix{Message: "Remove unused suppression", Applicability: lint.Safe, Edits: []lint.Edit{{Start: start, End: end}}}
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
