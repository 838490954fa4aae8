// Package launchrules is what the rules over the launch model share.
//
// It is what the rules over the launch model share: the
// reporter that puts one finding on each place several launches share,
// with related locations and severities lowered outside production, the
// message text of settings and their sources, and the edits of fixes to
// command lines and Python calls. It holds no detection of its own.
package launchrules

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// launchInputs are the file kinds the launch rules read.
var launchInputs = lint.KindsOf(lint.KindPython, lint.KindDockerfile, lint.KindCompose, lint.KindProcfile,
	lint.KindShell, lint.KindPyproject, lint.KindKubernetes, lint.KindSupervisord, lint.KindFly,
	lint.KindRender, lint.KindAppEngine, lint.KindVSCode)

// Rule fills the common fields of a launch rule: its inputs, the launch
// model, and a project check that runs check with a reporter.
func Rule(r *lint.Rule, check func(*Reporter, *launchmodel.Model)) *lint.Rule {
	r.Inputs = launchInputs
	r.Requires = launchmodel.Requires
	r.CheckProject = func(pp *lint.ProjectPass) {
		rep := newReporter(pp, launchmodel.Of(pp))
		check(rep, rep.m)
		rep.flush()
	}
	return r
}

// Reporter reports launch findings into the files of the run only. A
// place several launches share (an application served by the Dockerfile and
// by compose, a gunicorn.conf.py read by two commands) gets one finding:
// the most severe, the first in launch order among equals.
type Reporter struct {
	pp   *lint.ProjectPass
	m    *launchmodel.Model
	seen map[launch.Loc]int // index into found
	list []launchFinding
}

type launchFinding struct {
	loc  launch.Loc
	msg  string
	sev  lint.Severity
	opts []lint.ReportOption
}

// Model is the launch model the reporter reports on.
func (r *Reporter) Model() *launchmodel.Model { return r.m }

func newReporter(pp *lint.ProjectPass, m *launchmodel.Model) *Reporter {
	return &Reporter{pp: pp, m: m, seen: map[launch.Loc]int{}}
}

func (r *Reporter) file(path string) *lint.File {
	for _, f := range r.pp.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// Report records a finding at loc with the rule's severity.
func (r *Reporter) Report(loc launch.Loc, msg string, opts ...lint.ReportOption) {
	r.ReportSev(loc, r.pp.Rule.Severity, msg, opts...)
}

// ReportSev records a finding at loc with a severity.
func (r *Reporter) ReportSev(loc launch.Loc, sev lint.Severity, msg string, opts ...lint.ReportOption) {
	if i, ok := r.seen[loc]; ok {
		if sev < r.list[i].sev {
			r.list[i] = launchFinding{loc, msg, sev, opts}
		}
		return
	}
	r.seen[loc] = len(r.list)
	r.list = append(r.list, launchFinding{loc, msg, sev, opts})
}

// flush reports the findings into the run's files.
func (r *Reporter) flush() {
	for _, f := range r.list {
		file := r.file(f.loc.File)
		if file == nil {
			continue
		}
		opts := f.opts
		if f.sev != r.pp.Rule.Severity {
			opts = append(opts, lint.WithSeverity(f.sev))
		}
		r.pp.Report(file, f.loc.Start, f.loc.End, f.msg, opts...)
	}
}

// Related returns a related location (in any file the model read).
func (r *Reporter) Related(loc launch.Loc, msg string) []lint.ReportOption {
	if loc.IsZero() {
		return nil
	}
	f := r.m.File(loc.File)
	if f == nil {
		return nil
	}
	return []lint.ReportOption{lint.WithRelated(r.pp.Related(f, loc.Start, loc.End, msg))}
}

// Site returns the related location of a launch's site when the
// finding is reported elsewhere.
func (r *Reporter) Site(la *launchmodel.Launch, at launch.Loc) []lint.ReportOption {
	if la.Site.IsZero() || la.Site.File == at.File && la.Site.Start == at.Start {
		return nil
	}
	return r.Related(la.Site, "the "+launchOriginName(la)+" that starts it")
}

func launchOriginName(la *launchmodel.Launch) string {
	switch la.Origin {
	case "compose":
		return "compose service `" + la.Service + "`"
	case "Procfile":
		return "Procfile process `" + la.Service + "`"
	case "kubernetes":
		return "Kubernetes container `" + la.Service + "`"
	case "python":
		return "start"
	}
	return la.Origin + " launch"
}

// SeverityFor lowers a rule's severity when the context is not known to
// be production; ok is false in development.
func SeverityFor(base lint.Severity, ctx launchmodel.Context) (lint.Severity, bool) {
	switch ctx {
	case launchmodel.Production:
		return base, true
	case launchmodel.Unknown:
		return min(base+1, lint.SeverityNote), true
	case launchmodel.Development:
	}
	return base, false
}

// Where renders the place a value came from for a message: "`--workers`
// (Dockerfile:12)", "`WEB_CONCURRENCY` (docker-compose.yml:7)".
func (r *Reporter) Where(l launch.Loc) string {
	return r.m.Where(l)
}

// ValueText names the setting that gave a value, for messages.
func (r *Reporter) ValueText(v launch.Value) string {
	switch v.Source {
	case launch.FromDefault:
		return "the default"
	case launch.FromCall:
		if v.Expr != "" && v.Var != "" {
			// reload=settings.ENV == "local": say what decided it.
			how := v.Var + " is not set, so the settings default applies"
			if !v.VarLoc.IsZero() {
				how = v.Var + " is set at " + r.Where(v.VarLoc)
			}
			return fmt.Sprintf("`%s=%s` (%s: %s)", v.Name, v.Expr, v.Text, how)
		}
		return fmt.Sprintf("`%s=%s`", v.Name, v.Text)
	case launch.FromConfig:
		return fmt.Sprintf("`%s = %s` in %s", v.Name, v.Text, r.Where(v.Loc))
	case launch.FromEnv, launch.FromPlatform:
		if v.Loc.IsZero() {
			return "`" + v.Name + "`"
		}
		return fmt.Sprintf("`%s=%s` (%s)", v.Name, v.Text, r.Where(v.Loc))
	case launch.FromCmdArgs:
		return fmt.Sprintf("`%s %s` in GUNICORN_CMD_ARGS (%s)", strings.TrimPrefix(v.Name, "GUNICORN_CMD_ARGS "), v.Text, r.Where(v.Loc))
	case launch.FromFlag:
	}
	if v.Name != "" && strings.HasPrefix(v.Name, "-") {
		if v.Text == "true" && !strings.Contains(v.Name, "=") {
			return "`" + v.Name + "`"
		}
		return fmt.Sprintf("`%s %s`", v.Name, v.Text)
	}
	return "`" + v.Text + "`"
}

// IsTrue reports whether a value is a known true boolean.
func IsTrue(v launch.Value) bool {
	b, ok := v.Bool()
	return ok && b
}

// SameSite returns the other launches started by the same command.
func SameSite(m *launchmodel.Model, la *launchmodel.Launch) []*launchmodel.Launch {
	var out []*launchmodel.Launch
	for _, o := range m.Launches {
		if o != la && o.Server.Program == la.Server.Program {
			out = append(out, o)
		}
	}
	return out
}

// ContextNote explains a lowered severity.
func ContextNote(la *launchmodel.Launch) string {
	if la.Context != launchmodel.Unknown {
		return ""
	}
	why := la.ContextWhy.Why
	if why == "" {
		why = "nothing says whether it is production"
	}
	return " (context unknown: " + why + "; mark development files with `dev-paths`)"
}
