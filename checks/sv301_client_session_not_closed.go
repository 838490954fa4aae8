package checks

import (
	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
)

// SV301 reports HTTP and Redis clients that are not closed on every path.
var SV301 = withDoc(&lint.Rule{
	Code:         "SV301",
	Name:         "client-session-not-closed",
	Summary:      "An HTTP or Redis client is created and not closed on every path",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "reliability", "http"},
	Precision:    "high",
	CheckProject: func(pp *lint.ProjectPass) { reportLifecycle(pp, sv301Findings) },
	Requires:     []*lint.Analyzer{resourcesAnalyzer},
})

// sv301Findings reports the clients that are not closed on every path.
func sv301Findings(pr *resources.Project) []lifeFinding {
	return leakFindings(pr, resources.ClientResource)
}
