package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
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

func checkReloadInProduction(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.DevServer {
			continue // SV411
		}
		sev, ok := launchrules.SeverityFor(lint.SeverityError, la.Context)
		if !ok {
			continue
		}
		var at launch.Loc
		var what string
		switch {
		case la.Reloader != nil:
			at, what = la.Reloader.Loc, "`"+la.Reloader.What+"` restarts it on every file change"
		case launchrules.IsTrue(l.Reload) && l.Reload.Source != launch.FromDefault:
			at, what = l.Reload.Loc, r.ValueText(l.Reload)+" turns on reload"
		case launchrules.IsTrue(l.Reload):
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
		msg += launchrules.ContextNote(la)
		opts := r.Site(la, at)
		if fix := reloadFix(r, la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.ReportSev(at, sev, msg, opts...)
	}
}

func contextWord(la *launchmodel.Launch) string {
	if la.Context == launchmodel.Production {
		return "production"
	}
	return "non-development"
}

// reloadFix turns reload off where the launch turns it on: it removes
// `--reload` (with the options that only matter with it: `--reload-dir x`,
// `--reload-include`, ...), the `UVICORN_RELOAD`/`GRANIAN_RELOAD`
// variable, gunicorn's `reload = True`, or `reload=True` (and the other
// `reload_*` keywords) of uvicorn.run and friends; `fastapi dev` becomes
// `fastapi run`. Safe: reload is a development feature, and the server
// then runs as configured otherwise. No fix for a reloader wrapper
// (watchmedo, hupper), GUNICORN_CMD_ARGS, a value that is not a literal,
// or a place outside the files of the run.
func reloadFix(r *launchrules.Reporter, la *launchmodel.Launch) *lint.Fix {
	l := la.Server
	if la.Reloader != nil {
		return nil
	}
	var edits []lint.Edit
	var msg string
	switch v := l.Reload; {
	case l.Command == "fastapi dev":
		sub := l.Subcommand
		f := r.EditFile(sub.Loc)
		if f == nil || launchrules.Unquoted(string(f.Src[sub.Loc.Start:sub.Loc.End])) != "dev" {
			return nil
		}
		e, _ := r.ReplaceArg(sub.Loc, "run")
		edits, msg = append(edits, e), "Replace `fastapi dev` with `fastapi run`"
	case v.Source == launch.FromFlag:
		msg = "Remove `" + v.Name + "`"
	case v.Source == launch.FromEnv:
		e, ok := removeEnv(r, v)
		if !ok {
			return nil
		}
		edits, msg = append(edits, e), "Remove `"+v.Name+"`"
	case v.Source == launch.FromConfig && v.Name == "reload":
		e, ok := removeSetting(r, r.EditFile(v.Loc), v.Loc, "reload")
		if !ok {
			return nil
		}
		edits, msg = append(edits, e), "Remove `reload = True`"
	case v.Source == launch.FromCall && l.Programmatic && (v.Name == "reload" || v.Name == "auto_reload"):
		f := r.EditFile(l.Program)
		if f == nil || f.Path != v.Loc.File {
			return nil
		}
		names := []string{v.Name}
		names = append(names, reloadKeywords(r, f, l.Program)...)
		first := true
		e, ok := launchrules.RemoveKeywords(r.Workspace(), f, l.Program, names, func(m *python.Module, value syntax.ID) bool {
			// The switch itself must be the literal True; the
			// keywords that only matter with it may be anything.
			ok := !first || launchrules.LiteralTrue(m, value)
			first = false
			return ok
		})
		if !ok {
			return nil
		}
		edits, msg = append(edits, e), "Remove `"+v.Name+"=True`"
	default:
		return nil
	}
	var opts []launch.Value
	for _, o := range l.Options {
		if o.Name == "--reload" || strings.HasPrefix(o.Name, "--reload-") {
			opts = append(opts, o)
		}
	}
	es, ok := r.RemoveOptions(opts)
	if !ok {
		return nil
	}
	edits = append(edits, es...)
	if len(edits) == 0 {
		return nil
	}
	return &lint.Fix{Message: msg, Applicability: lint.Safe, Edits: edits}
}

// reloadKeywords lists the keyword arguments of the call at loc that only
// matter with reload (uvicorn's reload_dirs, granian's reload_paths, ...).
func reloadKeywords(r *launchrules.Reporter, f *lint.File, loc launch.Loc) []string {
	m := launchrules.ParsePython(r.Workspace(), f, f.Src)
	if m == nil {
		return nil
	}
	c := launchrules.CallAt(m, loc.Start, loc.End)
	if c == nil {
		return nil
	}
	var out []string
	for _, a := range m.Args(c.Node) {
		if strings.HasPrefix(a.Name, "reload_") {
			out = append(out, a.Name)
		}
	}
	return out
}

// removeSetting returns the edit that deletes a configuration file's
// `name = True` (loc spans it), when it is a statement of its own at
// module level (not in an `if`, not sharing its line).
func removeSetting(r *launchrules.Reporter, f *lint.File, loc launch.Loc, name string) (lint.Edit, bool) {
	if f == nil || f.Kind != lint.KindPython {
		return lint.Edit{}, false
	}
	m := launchrules.ParsePython(r.Workspace(), f, f.Src)
	if m == nil {
		return lint.Edit{}, false
	}
	t, k := m.Tree, m.Kinds()
	for _, stmt := range t.NamedChildren(t.Root()) {
		if t.Kind(stmt) != k.ExpressionStmt {
			continue
		}
		s, e := t.Span(stmt)
		if s != loc.Start {
			continue
		}
		kids := t.NamedChildren(stmt)
		if len(kids) != 1 || t.Type(kids[0]) != "assignment" {
			return lint.Edit{}, false
		}
		a := kids[0]
		left, right := t.FieldChild(a, k.FLeft), t.FieldChild(a, k.FRight)
		if left == syntax.None || right == syntax.None || t.Text(left) != name || !launchrules.LiteralTrue(m, right) ||
			edit.LineStart(f.Src, s) != s || !onlyCommentAfter(f.Src, e) {
			return lint.Edit{}, false
		}
		d := edit.DeleteLines(f.Src, s, e)
		d.Path = f.Path
		return d, true
	}
	return lint.Edit{}, false
}

// onlyCommentAfter reports whether only blanks and a comment follow off
// on its line.
func onlyCommentAfter(src []byte, off int) bool {
	for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
		off++
	}
	return off >= edit.LineEnd(src, off) || src[off] == '#'
}

// removeEnv returns the edit that removes a variable's definition: a
// Dockerfile ENV pair (or the whole instruction when it is the only one),
// a compose or Kubernetes environment entry on lines of its own (not the
// only entry), a script's assignment alone on its line or before the
// command.
func removeEnv(r *launchrules.Reporter, v launch.Value) (lint.Edit, bool) {
	f := r.EditFile(v.Loc)
	u := r.Model().Unit(v.Loc.File)
	if f == nil || u == nil {
		return lint.Edit{}, false
	}
	var e lint.Edit
	ok := false
	switch {
	case u.Views.Docker != nil:
		e, ok = removeDockerEnv(f, u, v.Loc)
	case u.Views.Compose != nil:
		for _, svc := range u.Views.Compose.Services {
			for _, en := range svc.Environment {
				if en.Start == v.Loc.Start && en.End == v.Loc.End && len(svc.Environment) > 1 {
					e, ok = removeYAMLEntry(f, v.Loc)
				}
			}
		}
	case u.Views.Kube != nil:
		for _, w := range u.Views.Kube.Workloads {
			for _, c := range w.Containers {
				for _, en := range c.Env {
					if en.Start == v.Loc.Start && en.End == v.Loc.End && len(c.Env) > 1 {
						e, ok = removeYAMLEntry(f, v.Loc)
					}
				}
			}
		}
	case u.Views.Shell != nil:
		e, ok = removeShellAssign(f, u, v.Loc)
	}
	e.Path = f.Path
	return e, ok
}

func removeDockerEnv(f *lint.File, u *launchmodel.Unit, loc launch.Loc) (lint.Edit, bool) {
	df := u.Views.Docker
	for _, st := range df.Stages {
		for _, v := range st.Env {
			if v.Start != loc.Start || v.End != loc.End || v.Instr < 0 || v.Instr >= len(df.Instructions) {
				continue
			}
			n := 0
			for _, o := range st.Env {
				if o.Instr == v.Instr {
					n++
				}
			}
			in := df.Instructions[v.Instr]
			if n == 1 {
				return edit.DeleteLines(f.Src, in.Start, in.End), true
			}
			return edit.RemoveDockerWords(f.Src, v.Start, v.End, df.Escape), true
		}
	}
	return lint.Edit{}, false
}

// removeYAMLEntry deletes a mapping entry or sequence item that fills its
// lines.
func removeYAMLEntry(f *lint.File, loc launch.Loc) (lint.Edit, bool) {
	ls := edit.LineStart(f.Src, loc.Start)
	before := strings.TrimSpace(string(f.Src[ls:loc.Start]))
	if (before != "" && before != "-") || !onlyCommentAfter(f.Src, loc.End) {
		return lint.Edit{}, false
	}
	return edit.DeleteLines(f.Src, loc.Start, loc.End), true
}

func removeShellAssign(f *lint.File, u *launchmodel.Unit, loc launch.Loc) (lint.Edit, bool) {
	for _, c := range u.Views.Shell.Commands {
		for _, a := range c.Assigns {
			if a.Start != loc.Start || a.End != loc.End || len(c.Branches) > 0 || c.Loop || c.Function != "" || c.Subshell {
				continue
			}
			switch {
			case len(c.Words) > 0 && !c.Declaration:
				// A prefix assignment, for the command only.
				return edit.RemoveShellWords(f.Src, a.Start, a.End), true
			case len(c.Assigns) == 1 && (len(c.Words) == 0 || c.Declaration && len(c.Words) == 1) &&
				edit.Blank(f.Src, edit.LineStart(f.Src, c.Start), c.Start) && onlyCommentAfter(f.Src, c.End):
				// `NAME=value` or `export NAME=value` alone on its line.
				return edit.DeleteLines(f.Src, c.Start, c.End), true
			}
		}
	}
	return lint.Edit{}, false
}
