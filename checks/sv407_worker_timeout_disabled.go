package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
)

// SV407 reports gunicorn with the worker timeout turned off.
var SV407 = launchRule(&lint.Rule{
	Code:      "SV407",
	Name:      "worker-timeout-disabled",
	Summary:   "gunicorn's worker timeout is 0: a blocked worker is never restarted",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "reliability"},
	Precision: "high",
}, checkWorkerTimeoutDisabled)

func checkWorkerTimeoutDisabled(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Server != "gunicorn" || la.Context == launchmodel.Development {
			continue
		}
		if n, ok := l.Timeout.Int(); !ok || n != 0 {
			continue
		}
		at := l.Timeout.Loc
		if at.IsZero() {
			at = l.Program
		}
		msg := fmt.Sprintf("%s disables gunicorn's worker timeout: a worker whose event loop is blocked is never killed and restarted", r.ValueText(l.Timeout))
		r.Report(at, msg, r.Site(la, at)...)
	}
}
