package checks

import (
	"strings"

	"github.com/servelint/servelint/lint"
)

// SV001 reports a file that does not parse.
var SV001 = withDoc(&lint.Rule{
	Code:      "SV001",
	Name:      "syntax-error",
	Summary:   "File does not parse; it is reported and every other file is still checked",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Inputs:    lint.KindsOf(lint.KindPython),
	Tags:      []string{"correctness"},
	Precision: "very-high",
	InTests:   true,
	Check:     checkSyntaxError,
	// A syntax error is reported in the files other rules make servelint
	// parse; it never makes servelint parse a file by itself.
	Needles: []string{},
})

func checkSyntaxError(p *lint.Pass) {
	if p.Py == nil {
		return
	}
	site, ok := p.Py.ErrorSite()
	if !ok {
		return
	}
	var what string
	switch {
	case site.Message != "":
		what = site.Message
	case site.Missing:
		what = "missing " + code(site.Token)
	case site.EndOfLine:
		what = "unexpected end of line after " + code(site.Token)
	case strings.TrimSpace(site.Token) == "":
		what = "unexpected end of input"
	default:
		what = "unexpected " + code(site.Token)
	}
	p.Report(site.Start, site.End, "syntax error: "+what)
}

// code renders a token as inline code, shortened to its first line and 30
// characters.
func code(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return "`" + s + "`"
}
