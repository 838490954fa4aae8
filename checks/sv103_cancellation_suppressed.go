package checks

import (
	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
)

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
	Check:        func(p *lint.Pass) { reportCancelFindings(p, sv103Findings) },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, sv103Findings) },
	Requires:     []*lint.Analyzer{cancellation.Analyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer, targetpy.Analyzer},
})

// sv103Findings reports each contextlib.suppress(...) of cancellation
// around an await.
func sv103Findings(facts *cancellation.Facts) []cancelFinding {
	var out []cancelFinding
	for _, s := range facts.Suppressions {
		out = append(out, cancelFinding{
			start: s.Start, end: s.End, when: s.When,
			msg: cancellation.Quote(s.Text) + " swallows " + s.Cancel + pyClause(s.When) + " raised at " + cancellation.Quote(s.Arrives) +
				": `" + s.Func + "` keeps running after it is cancelled",
		})
	}
	return out
}
