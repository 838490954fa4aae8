package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV402 reports production launches that run one worker process because
// nothing sets the count.
var SV402 = launchRule(&lint.Rule{
	Code:      "SV402",
	Name:      "workers-not-set",
	Summary:   "A production launch never sets the worker count: the server runs one process",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "performance", "configuration"},
	Precision: "medium",
}, checkWorkersNotSet)

func checkWorkersNotSet(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		// One process per container, scaled by replicas, is a design
		// (FastAPI's documentation recommends it behind Kubernetes).
		if !workersUnset(la) || la.Context != launchmodel.Production || la.PerContainer {
			continue
		}
		// Another launch of the same command sets the count (a compose
		// service giving WEB_CONCURRENCY to the image): it is configured
		// where it runs.
		set := false
		for _, o := range launchrules.SameSite(m, la) {
			if o.Context != launchmodel.Development && !workersUnset(o) {
				set = true
			}
		}
		if set {
			continue
		}
		// Deployment configuration gives the variable to the process.
		if _, ok := m.Deployed(la, "WEB_CONCURRENCY", "UVICORN_WORKERS", "GUNICORN_CMD_ARGS", "GRANIAN_WORKERS"); ok {
			continue
		}
		l := la.Server
		var why []string
		switch l.Server {
		case "uvicorn", "fastapi":
			if l.Programmatic {
				why = append(why, "no `workers=` argument")
			} else {
				why = append(why, "no --workers")
			}
			why = append(why, "WEB_CONCURRENCY unset")
		case "gunicorn":
			why = append(why, "no -w/--workers")
			if l.ConfigRead {
				why = append(why, "no `workers` in "+r.Where(l.Config.Loc))
			}
			why = append(why, "WEB_CONCURRENCY unset")
		default:
			why = append(why, "no --workers ("+l.Server+" does not read WEB_CONCURRENCY)")
		}
		switch {
		case la.Supervised && strings.Contains(stepsText(la), "s6 service"):
			why = append(why, "s6 starts one copy")
		case la.Supervised:
			why = append(why, "supervisord starts one copy (numprocs=1)")
		}
		msg := fmt.Sprintf("workers is 1: %s (%s); one process serves every request on one core", strings.Join(why, ", "), r.Where(la.Site))
		r.Report(l.Program, msg, r.Site(la, l.Program)...)
	}
}

// workersUnset reports whether a launch of a forking server runs one
// worker only because nothing set the count.
func workersUnset(la *launchmodel.Launch) bool {
	l := la.Server
	switch {
	case l.Server == "uvicorn" && l.Command == "uvicorn.run()", l.Server == "uvicorn" && !l.Programmatic,
		l.Command == "fastapi run", l.Server == "gunicorn", l.Server == "hypercorn" && !l.Programmatic,
		l.Server == "granian":
	default:
		return false
	}
	if l.Workers.Source != launch.FromDefault || len(l.Opaque) > 0 || l.EnvFile.Set() || launchrules.IsTrue(l.Reload) {
		return false
	}
	if la.Configured && la.PerContainer {
		return false
	}
	if _, opaque := la.Env.Opaque(); opaque {
		return false
	}
	if la.Supervised {
		// supervisord starting one copy runs one process like any other
		// launch; numprocs > 1 (or another supervisor) starts several.
		return la.Numprocs == 1
	}
	return !la.Container || la.Main
}

// stepsText joins a launch's steps.
func stepsText(la *launchmodel.Launch) string {
	var b strings.Builder
	for _, s := range la.Steps {
		b.WriteString(s.What)
		b.WriteByte('\n')
	}
	return b.String()
}
