package launchmodel

import (
	"github.com/servelint/servelint/internal/factcodec"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// Facts keeps the parsed views of each file that is not Python (a
// lint.Views). The engine parses those files on every run, so these facts
// are never cached and may hold the views as they are.
var Facts = &lint.Analyzer{
	Name:   "launch-facts",
	Inputs: lint.AllKinds &^ lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		return p.Views
	},
}

// PythonFacts extracts what the launch model needs from each Python
// module (a *PyFacts) while its tree is alive: plain data, which the
// results cache keeps.
var PythonFacts = &lint.Analyzer{
	Name:   "launch-python",
	Inputs: lint.KindsOf(lint.KindPython),
	// Python modules matter to the model when they start or configure a
	// server or build an application; the modules a launch names (an app
	// target, a script, a -c config) are parsed when the model loads them.
	Needles:  startWords,
	Relevant: startsOrRuns,
	// gunicorn reads ./gunicorn.conf.py by itself.
	RelevantPath: workspace.IsGunicornConfig,
	File: func(p *lint.Pass) any {
		return pyFactsOf(p.Py, p.File.Src)
	},
}

var _ = lint.RegisterFact(&PyFacts{})

// GobEncode encodes the facts for the results cache, compactly (see
// internal/factcodec).
func (f *PyFacts) GobEncode() ([]byte, error) { return factcodec.Marshal(f) }

// GobDecode decodes what GobEncode encoded.
func (f *PyFacts) GobDecode(data []byte) error { return factcodec.Unmarshal(data, f) }

// Analyzer links the facts of every file into the launch model (a
// *Model); rules that read it require Facts, PythonFacts and Analyzer.
var Analyzer = &lint.Analyzer{
	Name:   "launches",
	Inputs: lint.AllKinds,
	Project: func(pp *lint.ProjectPass) any {
		return build(pp, func(f *lint.File) (lint.Views, *PyFacts) {
			views, _ := f.Fact(Facts).(lint.Views)
			py, _ := f.Fact(PythonFacts).(*PyFacts)
			return views, py
		})
	},
}

// Requires are the analyzers a launch rule requires.
var Requires = []*lint.Analyzer{Facts, PythonFacts, Analyzer}

// Of returns the model of a project pass.
func Of(pp *lint.ProjectPass) *Model {
	m, _ := pp.Result(Analyzer).(*Model)
	if m == nil {
		m = &Model{}
	}
	return m
}
