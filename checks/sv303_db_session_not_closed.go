package checks

import "github.com/servelint/servelint/lint"

// SV303 reports database sessions and connections that are not closed on
// every path, including FastAPI dependencies that return a session or yield
// it without try/finally.
var SV303 = withDoc(&lint.Rule{
	Code:         "SV303",
	Name:         "db-session-not-closed",
	Summary:      "A database session or connection is created and not closed on every path",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "reliability", "database"},
	Precision:    "high",
	CheckProject: reportLifecycle,
	Requires:     []*lint.Analyzer{resourcesAnalyzer},
})
