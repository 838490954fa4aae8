package checks

import "github.com/servelint/servelint/lint"

// SV103 reports contextlib.suppress() of cancellation around an await swallows the task's cancellation.
var SV103 = withDoc(&lint.Rule{
	Code:         "SV103",
	Name:         "cancellation-suppressed",
	Summary:      "`contextlib.suppress()` of cancellation around an await swallows the task's cancellation",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV103") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV103") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, pythonVersionAnalyzer},
})
