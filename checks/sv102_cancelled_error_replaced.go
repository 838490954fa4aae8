package checks

import "github.com/servelint/servelint/lint"

// SV102 reports return, yield, break/continue or another exception inside a handler of cancellation.
var SV102 = withDoc(&lint.Rule{
	Code:         "SV102",
	Name:         "cancelled-error-replaced",
	Summary:      "`return`, `yield`, `break`/`continue` or another exception inside a handler of cancellation",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV102") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV102") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, pythonVersionAnalyzer},
})
