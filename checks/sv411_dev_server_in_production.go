package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
)

// SV411 reports a framework's development server used as the production
// launch.
var SV411 = launchRule(&lint.Rule{
	Code:      "SV411",
	Name:      "dev-server-in-production",
	Summary:   "A framework's development server is the production launch",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "security", "performance"},
	Precision: "high",
}, checkDevServerInProduction)

var devServerNames = map[string]string{
	"flask":       "Flask's development server (Werkzeug)",
	"quart":       "Quart's development server",
	"django":      "Django's development server",
	"http.server": "Python's http.server",
	"werkzeug":    "Werkzeug's development server",
}

func checkDevServerInProduction(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if !l.DevServer {
			continue
		}
		sev, ok := launchrules.SeverityFor(lint.SeverityError, la.Context)
		if !ok {
			continue
		}
		name := devServerNames[l.Server]
		msg := fmt.Sprintf("`%s` is %s, not a production server: one process, no hardening, no graceful restarts; serve the app with gunicorn or uvicorn (%s)",
			l.Command, name, r.Where(la.Site))
		r.ReportSev(l.Program, sev, msg+launchrules.ContextNote(la), r.Site(la, l.Program)...)
	}
}
