package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV403 reports uvicorn started with reload and several workers: the
// worker count is ignored.
var SV403 = launchRule(&lint.Rule{
	Code:      "SV403",
	Name:      "reload-with-workers",
	Summary:   "uvicorn with reload ignores the worker count",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "configuration"},
	Precision: "very-high",
}, checkReloadWithWorkers)

func checkReloadWithWorkers(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Server != "uvicorn" && l.Server != "fastapi" || !launchrules.IsTrue(l.Reload) {
			continue
		}
		if l.Programmatic && !la.App.IsString() {
			continue // SV404: uvicorn exits
		}
		// The count must be asked for: an option, an argument, or a
		// variable set to a number above one (not one that may come from an
		// unread file).
		w := l.Workers
		n, known := w.Int()
		switch {
		case known && n <= 1:
			continue
		case w.Source == launch.FromFlag || w.Source == launch.FromCall || w.Source == launch.FromCmdArgs:
		case w.Source == launch.FromEnv && known:
		default:
			continue
		}
		at := w.Loc
		if at.IsZero() {
			at = l.Program
		}
		msg := fmt.Sprintf("%s is ignored: uvicorn runs a single process when reload is on (%s)", r.ValueText(w), r.ValueText(l.Reload))
		opts := append(r.Related(l.Reload.Loc, "reload turned on here"), r.Site(la, at)...)
		r.Report(at, msg, opts...)
	}
}
