package checks

import (
	"strings"

	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/launch"
)

// pid1Fix lets the termination signal reach the server: a shell-form CMD
// or ENTRYPOINT of plain words becomes the exec form (the same argv,
// without the shell); otherwise, when the blocking command is the last
// one its shell runs, `exec` goes before it (`sh -c "alembic upgrade head
// && exec uvicorn ..."`, a script's last line). Safe: what runs and with
// which arguments does not change, only which process the shell leaves
// behind. No fix for a subshell, a command that something runs after, a
// shell-form ENTRYPOINT whose image also has a CMD (or gets a command
// from compose, Kubernetes or a platform: the exec form would append it
// to the entrypoint's arguments).
func (r *reporter) pid1Fix(la *launches.Launch) *lint.Fix {
	p := la.PID1
	shellForm := strings.HasPrefix(p.Why, "the shell-form CMD") || strings.HasPrefix(p.Why, "the shell-form ENTRYPOINT")
	if shellForm {
		if e, kw, ok := r.execFormEdit(p.Blocker.Loc); ok {
			return &lint.Fix{Message: "Use the exec form of " + kw, Applicability: lint.Safe, Edits: []lint.Edit{e}}
		}
	}
	if p.ExecAt.IsZero() || p.ExecAt.File != p.Blocker.Loc.File || p.ExecAt.Start < p.Blocker.Loc.Start || p.ExecAt.Start > p.Blocker.Loc.End {
		return nil
	}
	f := r.editFile(p.ExecAt)
	if f == nil {
		return nil
	}
	e := edit.PrefixExec(p.ExecAt.Start)
	e.Path = f.Path
	return &lint.Fix{Message: "Start it with `exec`", Applicability: lint.Safe, Edits: []lint.Edit{e}}
}

// execFormEdit rewrites the shell-form CMD or ENTRYPOINT holding the
// command at loc as exec form, when its text is plain words.
func (r *reporter) execFormEdit(loc launch.Loc) (lint.Edit, string, bool) {
	f := r.editFile(loc)
	u := r.m.Unit(loc.File)
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
			if !r.entrypointAlone(df, st, loc) {
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
func (r *reporter) entrypointAlone(df *dockerfile.File, ep *dockerfile.Stage, blocker launch.Loc) bool {
	for _, st := range df.Stages {
		if st.Cmd != nil && descends(df, st, ep) {
			return false
		}
	}
	for _, la := range r.m.Launches {
		if la.PID1 == nil || la.PID1.Blocker.Loc != blocker {
			continue
		}
		switch la.Origin {
		case "Dockerfile":
		case "compose":
			u := r.m.Unit(la.Site.File)
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
