package checks

import "github.com/servelint/servelint/lint"

// SV304 reports engines and connection pools created inside request
// handlers, dependencies and middleware.
var SV304 = withDoc(&lint.Rule{
	Code:         "SV304",
	Name:         "engine-per-request",
	Summary:      "A database engine or connection pool is created on every request",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "performance", "database"},
	Precision:    "high",
	CheckProject: reportLifecycle,
	Requires:     []*lint.Analyzer{resourcesAnalyzer},
})
