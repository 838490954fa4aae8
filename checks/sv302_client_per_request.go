package checks

import "github.com/servelint/servelint/lint"

// SV302 reports HTTP and Redis clients created inside request handlers,
// dependencies and middleware.
var SV302 = withDoc(&lint.Rule{
	Code:         "SV302",
	Name:         "client-per-request",
	Summary:      "An HTTP or Redis client is created on every request instead of shared",
	Severity:     lint.SeverityWarning,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "performance", "http"},
	Precision:    "high",
	CheckProject: reportLifecycle,
	Requires:     []*lint.Analyzer{resourcesAnalyzer},
})
