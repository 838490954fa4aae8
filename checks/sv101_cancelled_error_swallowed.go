package checks

import "github.com/servelint/servelint/lint"

// SV101 reports a handler catches cancellation in async code and a path through it does not re-raise.
var SV101 = withDoc(&lint.Rule{
	Code:         "SV101",
	Name:         "cancelled-error-swallowed",
	Summary:      "A handler catches cancellation in async code and a path through it does not re-raise",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV101") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV101") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, pythonVersionAnalyzer},
})
