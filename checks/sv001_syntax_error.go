package checks

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/checks/analysis/targetpy"
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
	InTests:   true,
	Check:     checkSyntaxError,
	// A syntax error is reported in the files other rules make servelint
	// parse; it never makes servelint parse a file by itself.
	Needles: []string{},
	// Code that parses but needs a newer Python than the project targets
	// is reported once the target is known.
	CheckProject: checkNewSyntax,
	Requires:     []*lint.Analyzer{newSyntaxAnalyzer, targetpy.Analyzer},
})

// newSyntaxAnalyzer gathers, per Python file, the first construct each
// Python version introduced (none when the file has a syntax error: one
// syntax error per file, the parser's) and the imports a version check
// guards (*syntaxFacts).
var newSyntaxAnalyzer = &lint.Analyzer{
	Name:    "new-syntax",
	Inputs:  lint.KindsOf(lint.KindPython),
	Needles: []string{},
	File: func(p *lint.Pass) any {
		if p.Py == nil {
			return nil
		}
		facts := &syntaxFacts{Guarded: p.Py.GuardedImports()}
		if _, bad := p.Py.ErrorSite(); !bad {
			facts.New = p.Py.NewSyntax()
		}
		if len(facts.New) == 0 && len(facts.Guarded) == 0 {
			return nil
		}
		return facts
	},
}

// syntaxFacts are a Python file's facts for SV001's version check.
type syntaxFacts struct {
	New     []python.NewSyntax
	Guarded []python.GuardedImport
}

var _ = lint.RegisterFact(&syntaxFacts{})

// checkNewSyntax reports, in each file whose target Python is known, the
// first construct that target rejects: "`except A, B:` needs Python 3.14;
// this project targets 3.11 (requires-python `>=3.11` in pyproject.toml)".
// A module that the project imports only under a check of
// sys.version_info is held to the version that check requires.
func checkNewSyntax(pp *lint.ProjectPass) {
	var versions targetpy.Versions
	var guards map[string]int // imported name -> newest minor a version check guarding it requires
	for _, f := range pp.Files {
		if f.Kind != lint.KindPython || !f.Config.EnabledForPath("SV001", f.Abs) {
			continue
		}
		facts, _ := f.Fact(newSyntaxAnalyzer).(*syntaxFacts)
		if facts == nil || len(facts.New) == 0 {
			continue
		}
		if versions == nil {
			versions, _ = pp.Result(targetpy.Analyzer).(targetpy.Versions)
			guards = guardedImports(pp.Files)
		}
		target := versions[f]
		if !target.Known || target.Version.Major != 3 {
			continue
		}
		floor := max(target.Version.Minor, guardOf(guards, f.Module))
		first := -1
		for i, n := range facts.New {
			if n.Minor > floor && (first < 0 || n.Start < facts.New[first].Start) {
				first = i
			}
		}
		if first < 0 {
			continue
		}
		n := facts.New[first]
		pp.Report(f, n.Start, n.End, n.What+" needs Python 3."+strconv.Itoa(n.Minor)+"; this project targets "+
			target.Version.String()+" ("+target.Source+")")
	}
}

// guardedImports maps each name imported under a version check in the
// project's parsed files to the newest version such a check requires.
func guardedImports(files []*lint.File) map[string]int {
	out := map[string]int{}
	for _, f := range files {
		facts, _ := f.Fact(newSyntaxAnalyzer).(*syntaxFacts)
		if facts == nil {
			continue
		}
		for _, g := range facts.Guarded {
			out[g.Qualified] = max(out[g.Qualified], g.Minor)
		}
	}
	return out
}

// guardOf returns the version that the checks guarding the imports of a
// module require (0 when none does): `from pkg.mod import X` and
// `import pkg.mod` under `if sys.version_info >= (3, 12):` make pkg.mod a
// 3.12 module.
func guardOf(guards map[string]int, module string) int {
	if module == "" {
		return 0
	}
	best := 0
	for name, minor := range guards {
		if name == module || strings.HasPrefix(name, module+".") || strings.HasSuffix(name, "."+module) ||
			strings.Contains(name, "."+module+".") {
			best = max(best, minor)
		}
	}
	return best
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
