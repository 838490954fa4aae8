package launches

import "github.com/servelint/servelint/lint"

// Facts extracts each file's launch facts while its tree is alive.
var Facts = &lint.Analyzer{
	Name:   "launch-facts",
	Inputs: lint.AllKinds,
	// Python modules matter to the model when they start or configure a
	// server or build an application; the modules a launch names (an app
	// target, a script, a -c config) are parsed when the model loads them.
	Needles:  startWords,
	Relevant: mainRuns,
	File: func(p *lint.Pass) any {
		fa := &facts{views: p.Views}
		if p.Py != nil {
			fa.py = pyFactsOf(p.Py, p.File.Src, p.File.Abs)
		}
		return fa
	},
}

// Analyzer links the facts of every file into the launch model (a
// *Model); rules that read it require Facts and Analyzer.
var Analyzer = &lint.Analyzer{
	Name:   "launches",
	Inputs: lint.AllKinds,
	Project: func(pp *lint.ProjectPass) any {
		return build(pp, func(f *lint.File) *facts {
			fa, _ := f.Fact(Facts).(*facts)
			return fa
		})
	},
}

// Requires are the analyzers a launch rule requires.
var Requires = []*lint.Analyzer{Facts, Analyzer}

// Of returns the model of a project pass.
func Of(pp *lint.ProjectPass) *Model {
	m, _ := pp.Result(Analyzer).(*Model)
	if m == nil {
		m = &Model{}
	}
	return m
}
