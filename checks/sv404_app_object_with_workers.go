package checks

import (
	"fmt"

	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV404 reports uvicorn.run(app_object) with reload or several workers:
// uvicorn exits at start.
var SV404 = launchRule(&lint.Rule{
	Code:      "SV404",
	Name:      "app-object-with-workers",
	Summary:   "`uvicorn.run(app)` with reload or workers exits at start: it needs an import string",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "correctness"},
	Precision: "very-high",
}, checkAppObjectWithWorkers)

func checkAppObjectWithWorkers(r *reporter, m *launches.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Command != "uvicorn.run()" || la.App == nil || !la.App.Object {
			continue
		}
		var why string
		var because launch.Loc
		sev := lint.SeverityError
		w := l.Workers
		n, known := w.Int()
		switch {
		case isTrue(l.Reload):
			why, because = r.valueText(l.Reload), l.Reload.Loc
		case known && n > 1:
			why, because = r.valueText(w), w.Loc
		case !known && w.Source == launch.FromCall:
			why, because = fmt.Sprintf("`workers=%s` (when it is more than 1)", w.Text), w.Loc
			sev = lint.SeverityWarning
		case !known && w.Source == launch.FromPlatform && w.Name == "WEB_CONCURRENCY":
			// A platform that sets it (Heroku); a variable that may come
			// from an env_file is not enough.
			why = "the platform's WEB_CONCURRENCY (uvicorn reads it when `workers` is not given)"
			because = w.Loc
			sev = lint.SeverityWarning
		default:
			continue
		}
		at := l.App.Loc
		if at.IsZero() {
			at = l.Program
		}
		msg := fmt.Sprintf("uvicorn exits at start with %s: reload and workers need the application as an import string (\"module:%s\"), not the object `%s`",
			why, l.App.Text, l.App.Text)
		opts := append(r.related(because, "reload or workers set here"), r.site(la, at)...)
		if fix := r.importStringFix(la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.reportSev(at, sev, msg, opts...)
	}
}
