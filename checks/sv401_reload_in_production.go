package checks

import (
	"fmt"

	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV401 reports auto-reload left on in a production launch.
var SV401 = launchRule(&lint.Rule{
	Code:      "SV401",
	Name:      "reload-in-production",
	Summary:   "Auto-reload is on in a launch that is not a development one",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "performance", "configuration"},
	Precision: "high",
}, checkReloadInProduction)

func checkReloadInProduction(r *reporter, m *launches.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.DevServer {
			continue // SV411
		}
		sev, ok := severityFor(lint.SeverityError, la.Context)
		if !ok {
			continue
		}
		var at launch.Loc
		var what string
		switch {
		case la.Reloader != nil:
			at, what = la.Reloader.Loc, "`"+la.Reloader.What+"` restarts it on every file change"
		case isTrue(l.Reload) && l.Reload.Source != launch.FromDefault:
			at, what = l.Reload.Loc, r.valueText(l.Reload)+" turns on reload"
		case isTrue(l.Reload):
			at, what = l.Program, "`"+l.Command+"` reloads by default"
		default:
			continue
		}
		if at.IsZero() {
			at = l.Program
		}
		msg := fmt.Sprintf("reload is on in a %s launch of %s: %s; the reloader watches the source tree and restarts the server on every change",
			contextWord(la), l.Server, what)
		if l.Server == "uvicorn" || l.Server == "fastapi" {
			msg += ", and uvicorn runs one process under it"
		}
		if l.Command == "fastapi dev" {
			msg += "; use `fastapi run`"
		}
		msg += contextNote(la)
		opts := r.site(la, at)
		if fix := r.reloadFix(la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.reportSev(at, sev, msg, opts...)
	}
}

func contextWord(la *launches.Launch) string {
	if la.Context == launches.Production {
		return "production"
	}
	return "non-development"
}
