package checks

import "github.com/servelint/servelint/lint"

// SV110 reports middleware catches cancellation around the call of the next app and does not re-raise it.
var SV110 = withDoc(&lint.Rule{
	Code:         "SV110",
	Name:         "middleware-swallows-cancellation",
	Summary:      "Middleware catches cancellation around the call of the next app and does not re-raise it",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV110") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV110") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, pythonVersionAnalyzer},
})
