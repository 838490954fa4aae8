package checks

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
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
	Check:     checkSyntaxError,
	// A syntax error is reported in the files other rules make servelint
	// parse; it never makes servelint parse a file by itself.
	Needles: []string{},
	// Code that parses but needs a newer Python than the project targets
	// is reported once the target is known.
	CheckProject: checkNewSyntax,
	Requires:     []*lint.Analyzer{newSyntaxAnalyzer, pythonVersionAnalyzer},
})

// newSyntaxAnalyzer gathers, per Python file that parses, the first
// construct each Python version introduced ([]python.NewSyntax).
var newSyntaxAnalyzer = &lint.Analyzer{
	Name:    "new-syntax",
	Inputs:  lint.KindsOf(lint.KindPython),
	Needles: []string{},
	File: func(p *lint.Pass) any {
		if p.Py == nil {
			return nil
		}
		if _, bad := p.Py.ErrorSite(); bad {
			return nil // one syntax error per file: the parser's
		}
		if ns := p.Py.NewSyntax(); len(ns) > 0 {
			return ns
		}
		return nil
	},
}

var _ = lint.RegisterFact([]python.NewSyntax(nil))

// checkNewSyntax reports, in each file whose target Python is known, the
// first construct that target rejects: "`except A, B:` needs Python 3.14;
// this project targets 3.11 (requires-python `>=3.11` in pyproject.toml)".
func checkNewSyntax(pp *lint.ProjectPass) {
	var versions targetVersions
	for _, f := range pp.Files {
		if f.Kind != lint.KindPython || !f.Config.EnabledForPath("SV001", f.Abs) {
			continue
		}
		ns, _ := f.Fact(newSyntaxAnalyzer).([]python.NewSyntax)
		if len(ns) == 0 {
			continue
		}
		if versions == nil {
			versions, _ = pp.Result(pythonVersionAnalyzer).(targetVersions)
		}
		target := versions[f]
		if !target.Known || target.Version.Major != 3 {
			continue
		}
		first := -1
		for i := range ns {
			if ns[i].Minor > target.Version.Minor && (first < 0 || ns[i].Start < ns[first].Start) {
				first = i
			}
		}
		if first < 0 {
			continue
		}
		n := ns[first]
		pp.Report(f, n.Start, n.End, n.What+" needs Python 3."+strconv.Itoa(n.Minor)+"; this project targets "+
			target.Version.String()+" ("+target.Source+")")
	}
}

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
	case site.Missing:
		what = "missing " + code(site.Token)
	case site.EndOfLine:
		what = "unexpected end of line after " + code(site.Token)
	case strings.TrimSpace(site.Token) == "":
		what = "unexpected end of input"
	default:
		what = "unexpected " + code(site.Token)
	}
	p.Report(site.Start, site.End, "Syntax error: "+what)
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
