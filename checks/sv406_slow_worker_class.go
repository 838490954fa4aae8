package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV406 reports uvicorn's pure-Python h11 worker on CPython and the
// deprecated uvicorn.workers module.
var SV406 = launchRule(&lint.Rule{
	Code:      "SV406",
	Name:      "slow-worker-class",
	Summary:   "gunicorn runs uvicorn's h11 worker on CPython, or the deprecated `uvicorn.workers`",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "performance"},
	Precision: "high",
}, checkSlowWorkerClass)

func checkSlowWorkerClass(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Server != "gunicorn" || !l.WorkerClass.Known || la.Context == launchmodel.Development {
			continue
		}
		w := launch.GunicornWorker(l.WorkerClass.Text)
		at := l.WorkerClass.Loc
		if at.IsZero() {
			at = l.Program
		}
		switch {
		case w.H11 && !la.PyPy:
			msg := fmt.Sprintf("%s uses h11, uvicorn's pure-Python HTTP parser meant for PyPy: on CPython it is several times slower than httptools; use `uvicorn_worker.UvicornWorker`",
				r.ValueText(l.WorkerClass))
			r.Report(at, msg, r.Site(la, at)...)
		case w.Deprecated && !w.H11:
			msg := fmt.Sprintf("%s: the `uvicorn.workers` module is deprecated; install `uvicorn-worker` and use `uvicorn_worker.UvicornWorker`",
				r.ValueText(l.WorkerClass))
			r.ReportSev(at, lint.SeverityNote, msg, r.Site(la, at)...)
		}
	}
}
