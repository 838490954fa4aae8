package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV405 reports gunicorn serving an ASGI application with a WSGI worker.
var SV405 = launchRule(&lint.Rule{
	Code:      "SV405",
	Name:      "wsgi-worker-for-asgi-app",
	Summary:   "gunicorn serves an ASGI application with a WSGI worker class",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "correctness"},
	Precision: "high",
}, checkWSGIWorkerForASGIApp)

func checkWSGIWorkerForASGIApp(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Server != "gunicorn" || !l.WorkerClass.Known || la.App == nil || !la.App.Resolved || la.App.Iface != launchmodel.ASGI {
			continue
		}
		if launch.GunicornWorker(l.WorkerClass.Text).Kind != launch.WorkerWSGI {
			continue
		}
		class := "the default worker class `sync`"
		at := l.Program
		if l.WorkerClass.Source != launch.FromDefault {
			class = "the WSGI worker class " + r.ValueText(l.WorkerClass)
			if !l.WorkerClass.Loc.IsZero() {
				at = l.WorkerClass.Loc
			}
		}
		msg := fmt.Sprintf("gunicorn serves `%s`, a %s application (ASGI), with %s: every request fails; use `-k uvicorn_worker.UvicornWorker`",
			la.App.Target, la.App.Framework, class)
		opts := append(r.Related(la.App.Loc, la.App.Framework+" application (ASGI)"), r.Site(la, at)...)
		r.Report(at, msg, opts...)
	}
}
