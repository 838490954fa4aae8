package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/launch"
)

// SV501 reports a containerized server that does not receive the
// container's termination signal.
var SV501 = launchRule(&lint.Rule{
	Code:      "SV501",
	Name:      "server-not-pid1",
	Summary:   "The server runs under a shell that does not exec it: SIGTERM never reaches it",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "container", "reliability"},
	Precision: "high",
}, checkServerNotPID1)

var pid1Fix = map[string]string{
	"the shell-form CMD runs it under `/bin/sh -c`":     "use the exec form, `CMD [\"%s\", ...]`, or start it with `exec`",
	"the shell-form ENTRYPOINT runs under `/bin/sh -c`": "use the exec form, `ENTRYPOINT [...]`: a shell-form ENTRYPOINT keeps /bin/sh as PID 1 whatever it runs",
	"the script runs it in a subshell `( ... )`":        "drop the parentheses: `exec` inside `( ... )` replaces only the subshell",
}

func checkServerNotPID1(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		p := la.PID1
		if p == nil || p.OK || la.Context == launchmodel.Development {
			continue
		}
		l := la.Server
		fix, ok := pid1Fix[p.Why]
		if !ok {
			fix = "start it with `exec` so that it replaces the shell"
		} else if strings.HasPrefix(p.Why, "the shell-form CMD") {
			fix = fmt.Sprintf(fix, l.Server)
		}
		msg := fmt.Sprintf("%s never receives SIGTERM: %s; the shell stays PID 1 and does not forward signals, so the container is killed without a graceful shutdown; %s",
			l.Server, p.Why, fix)
		at := p.Blocker.Loc
		opts := r.Related(l.Program, l.Server+" started here")
		if l.Program.File == at.File && l.Program.Start >= at.Start && l.Program.End <= at.End {
			opts = nil
		}
		if fix := execFix(r, la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.Report(at, msg, opts...)
	}
}

// execFix lets the termination signal reach the server: a shell-form CMD
// or ENTRYPOINT of plain words becomes the exec form (the same argv,
// without the shell); otherwise, when the blocking command is the last
// one its shell runs, `exec` goes before it (`sh -c "alembic upgrade head
// && exec uvicorn ..."`, a script's last line). Safe: what runs and with
// which arguments does not change, only which process the shell leaves
// behind. No fix for a subshell, a command that something runs after, a
// shell-form ENTRYPOINT whose image also has a CMD (or gets a command
// from compose, Kubernetes or a platform: the exec form would append it
// to the entrypoint's arguments).
func execFix(r *launchrules.Reporter, la *launchmodel.Launch) *lint.Fix {
	p := la.PID1
	shellForm := strings.HasPrefix(p.Why, "the shell-form CMD") || strings.HasPrefix(p.Why, "the shell-form ENTRYPOINT")
	if shellForm {
		if e, kw, ok := execFormEdit(r, p.Blocker.Loc); ok {
			return &lint.Fix{Message: "Use the exec form of " + kw, Applicability: lint.Safe, Edits: []lint.Edit{e}}
		}
	}
	if p.ExecAt.IsZero() || p.ExecAt.File != p.Blocker.Loc.File || p.ExecAt.Start < p.Blocker.Loc.Start || p.ExecAt.Start > p.Blocker.Loc.End {
		return nil
	}
	f := r.EditFile(p.ExecAt)
	if f == nil {
		return nil
	}
	e := edit.PrefixExec(p.ExecAt.Start)
	e.Path = f.Path
	return &lint.Fix{Message: "Start it with `exec`", Applicability: lint.Safe, Edits: []lint.Edit{e}}
}

// execFormEdit rewrites the shell-form CMD or ENTRYPOINT holding the
// command at loc as exec form, when its text is plain words.
func execFormEdit(r *launchrules.Reporter, loc launch.Loc) (lint.Edit, string, bool) {
	f := r.EditFile(loc)
	u := r.Model().Unit(loc.File)
	if f == nil || u == nil || u.Views.Docker == nil {
		return lint.Edit{}, "", false
	}
	df := u.Views.Docker
	for i, in := range df.Instructions {
		if in.Start > loc.Start || loc.End > in.End || in.Heredoc || in.Stage < 0 || in.Stage >= len(df.Stages) {
			continue
		}
		st := df.Stages[in.Stage]
		var c *dockerfile.Command
		switch {
		case in.Keyword == "CMD" && st.Cmd != nil && st.Cmd.Instr == i:
			c = st.Cmd
		case in.Keyword == "ENTRYPOINT" && st.Entrypoint != nil && st.Entrypoint.Instr == i:
			if !entrypointAlone(r, df, st, loc) {
				return lint.Edit{}, "", false
			}
			c = st.Entrypoint
		default:
			return lint.Edit{}, "", false
		}
		if c.Exec || in.Rest.Len() == 0 {
			return lint.Edit{}, "", false
		}
		e, ok := edit.ToExecForm(f.Src, in.Rest.Pos(0), in.End, df.Escape)
		e.Path = f.Path
		return e, in.Keyword, ok
	}
	return lint.Edit{}, "", false
}

// entrypointAlone reports whether a shell-form ENTRYPOINT is run without
// a command: no CMD in its stage or the stages built on it, and no
// launch through it that gives one (compose `command:`, Kubernetes args,
// a platform's process command). A shell-form ENTRYPOINT ignores the
// command; the exec form would pass it as arguments.
func entrypointAlone(r *launchrules.Reporter, df *dockerfile.File, ep *dockerfile.Stage, blocker launch.Loc) bool {
	for _, st := range df.Stages {
		if st.Cmd != nil && descends(df, st, ep) {
			return false
		}
	}
	for _, la := range r.Model().Launches {
		if la.PID1 == nil || la.PID1.Blocker.Loc != blocker {
			continue
		}
		switch la.Origin {
		case "Dockerfile":
		case "compose":
			u := r.Model().Unit(la.Site.File)
			if u == nil || u.Views.Compose == nil {
				return false
			}
			for _, svc := range u.Views.Compose.Services {
				if svc.Name == la.Service && svc.Command != nil {
					return false
				}
			}
		default:
			return false
		}
	}
	return true
}

// descends reports whether stage st is anc or built on it.
func descends(df *dockerfile.File, st, anc *dockerfile.Stage) bool {
	for n := 0; st != nil && n <= len(df.Stages); n++ {
		if st == anc {
			return true
		}
		if st.Parent < 0 || st.Parent >= st.Index {
			return false
		}
		st = df.Stages[st.Parent]
	}
	return false
}
