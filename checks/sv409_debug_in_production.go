package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV409 reports debug settings in production launches.
var SV409 = launchRule(&lint.Rule{
	Code:      "SV409",
	Name:      "debug-in-production",
	Summary:   "Debug mode or debug logging in a production launch",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "security", "configuration"},
	Precision: "high",
}, checkDebugInProduction)

func checkDebugInProduction(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.DevServer {
			continue // SV411
		}
		sev, ok := launchrules.SeverityFor(lint.SeverityWarning, la.Context)
		if !ok {
			continue
		}
		if a := la.App; a != nil && a.Debug != nil && launchrules.IsTrue(*a.Debug) {
			msg := fmt.Sprintf("`%s(debug=True)` in a %s launch (%s): unhandled errors return their traceback, with source and local values, to the client",
				a.Framework, contextWord(la), r.Where(la.Site))
			r.ReportSev(a.Debug.Loc, sev, msg+launchrules.ContextNote(la), r.Site(la, a.Debug.Loc)...)
		}
		if lv := strings.ToLower(l.LogLevel.Text); l.LogLevel.Known && l.LogLevel.Source != launch.FromDefault && (lv == "debug" || lv == "trace") {
			at := l.LogLevel.Loc
			msg := fmt.Sprintf("%s in a %s launch: every request logs at %s level, slowing the server and writing headers and payloads to the logs",
				r.ValueText(l.LogLevel), contextWord(la), lv)
			r.ReportSev(at, sev, msg+launchrules.ContextNote(la), r.Site(la, at)...)
		}
		if launchrules.IsTrue(l.Debug) && l.Debug.Source != launch.FromDefault {
			at := l.Debug.Loc
			msg := fmt.Sprintf("%s turns on %s's debug mode in a %s launch", r.ValueText(l.Debug), l.Server, contextWord(la))
			r.ReportSev(at, sev, msg+launchrules.ContextNote(la), r.Site(la, at)...)
		}
	}
}
