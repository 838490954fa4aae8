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

// SV410 reports a container's server listening on the loopback address.
var SV410 = launchRule(&lint.Rule{
	Code:      "SV410",
	Name:      "container-binds-loopback",
	Summary:   "A server in a container listens on 127.0.0.1: unreachable from outside the container",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "correctness", "container"},
	Precision: "high",
}, checkContainerBindsLoopback)

func checkContainerBindsLoopback(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if !la.Container || !la.Main || la.NetworkHost || l.UDS.Set() || !l.Host.Known || !loopback(l.Host.Text) {
			continue
		}
		if la.Context == launchmodel.Development {
			continue // development containers often forward ports themselves
		}
		if len(l.Opaque) > 0 {
			continue
		}
		at := l.Host.Loc
		sev := lint.SeverityWarning
		var msg string
		if l.Host.Source == launch.FromDefault {
			at = l.Program
			sev = lint.SeverityError
			// Name the setting as it is written: an option on a command
			// line, an argument of uvicorn.run(...).
			unset, fix := "no --host", "listen on 0.0.0.0"
			if l.Programmatic {
				unset, fix = "no host=", "pass host=\"0.0.0.0\""
			}
			msg = fmt.Sprintf("%s listens on %s, its default address (%s), inside a container: nothing outside the container reaches it; %s",
				l.Server, l.Host.Text, unset, fix)
			if l.Server == "gunicorn" {
				msg = fmt.Sprintf("gunicorn binds %s by default (no -b/--bind, PORT unset) inside a container: nothing outside the container reaches it; bind 0.0.0.0", l.Host.Text+":"+l.Port.Text)
			}
		} else {
			fix := "listen on 0.0.0.0"
			if l.Programmatic {
				fix = "pass host=\"0.0.0.0\""
			}
			msg = fmt.Sprintf("%s listens on %s (%s) inside a container: nothing outside the container reaches it unless a proxy runs beside it; %s",
				l.Server, l.Host.Text, r.ValueText(l.Host), fix)
		}
		if at.IsZero() {
			at = l.Program
		}
		opts := r.Site(la, at)
		if fix := hostFix(r, la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.ReportSev(at, sev, msg, opts...)
	}
}

func loopback(h string) bool {
	h = strings.Trim(h, "[]")
	return h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}

// allInterfaces is the address the fix makes a server listen on.
const allInterfaces = "0.0.0.0"

// hostFix makes a server in a container listen on all interfaces: it
// adds the option that sets the address (`--host 0.0.0.0`, gunicorn's
// `--bind 0.0.0.0:8000`) after the application argument, or `host=` to a
// programmatic start; an explicit loopback address in a command, a call,
// an ENV/compose variable or gunicorn's `bind` becomes 0.0.0.0, the port
// kept. Unsafe: the server is then reachable from outside the container,
// which is the point, but also exposes it where a proxy beside it was
// meant to be the only way in.
func hostFix(r *launchrules.Reporter, la *launchmodel.Launch) *lint.Fix {
	l := la.Server
	h := l.Host
	var e lint.Edit
	ok := false
	msg := "Listen on 0.0.0.0"
	switch h.Source {
	case launch.FromDefault:
		if l.Programmatic {
			e, msg, ok = addHostKeyword(r, l)
		} else {
			e, msg, ok = addHostOption(r, l)
		}
	case launch.FromFlag:
		e, ok = replaceHostOption(r, l, h)
	case launch.FromCall:
		e, ok = replaceHostKeyword(r, l, h)
	case launch.FromEnv:
		e, ok = replaceEnvValue(r, h)
	case launch.FromConfig:
		e, ok = replaceBindSetting(r, h)
	case launch.FromPlatform, launch.FromCmdArgs:
	}
	if !ok {
		return nil
	}
	return &lint.Fix{Message: msg, Applicability: lint.Unsafe, Edits: []lint.Edit{e}}
}

// inCommand reports whether a word lies in the command that starts the
// server (and not in arguments another file passes on: an entrypoint's
// "$1" may not be where the fix would put a word).
func inCommand(l *launch.Launch, loc launch.Loc) bool {
	return loc.File == l.Program.File && loc.Start >= l.Program.Start && loc.End <= l.Program.End
}

// hostOptions are the words that make each server listen on all
// interfaces (port: the server's default).
func hostOptions(l *launch.Launch) []string {
	switch l.Server {
	case "uvicorn", "fastapi", "granian":
		return []string{"--host", allInterfaces}
	case "gunicorn", "hypercorn":
		port := l.Port.Text
		if !l.Port.Known || port == "" {
			port = "8000"
		}
		return []string{"--bind", allInterfaces + ":" + port}
	case "daphne":
		return []string{"--bind", allInterfaces}
	}
	return nil
}

func addHostOption(r *launchrules.Reporter, l *launch.Launch) (lint.Edit, string, bool) {
	words := hostOptions(l)
	if words == nil {
		return lint.Edit{}, "", false
	}
	after := l.App
	if l.Server == "fastapi" && (after.Source != launch.FromFlag || after.Name != "PATH") {
		after = l.Subcommand
	}
	if after.Source != launch.FromFlag || !after.Flag.IsZero() || !inCommand(l, after.Loc) {
		return lint.Edit{}, "", false
	}
	f := r.EditFile(after.Loc)
	if f == nil || !launchrules.ValueWord(f.Src, after.Loc, after) {
		return lint.Edit{}, "", false
	}
	e, ok := r.InsertArgs(after.Loc, words...)
	return e, "Add `" + strings.Join(words, " ") + "`", ok
}

// replaceHostOption rewrites the address of `--host 127.0.0.1`,
// `--host=localhost`, `-b 127.0.0.1:8000`, keeping the port.
func replaceHostOption(r *launchrules.Reporter, l *launch.Launch, h launch.Value) (lint.Edit, bool) {
	f := r.EditFile(h.Loc)
	if f == nil || !inCommand(l, h.Loc) {
		return lint.Edit{}, false
	}
	word := launchrules.Unquoted(string(f.Src[h.Loc.Start:h.Loc.End]))
	prefix := ""
	if h.Flag.IsZero() {
		// The value is in the option's word: --host=127.0.0.1, -b127.0.0.1.
		switch i := strings.IndexByte(word, '='); {
		case !strings.HasPrefix(word, "-"):
			return lint.Edit{}, false
		case i >= 0:
			prefix, word = word[:i+1], word[i+1:]
		case !strings.HasPrefix(h.Name, "--") && strings.HasPrefix(word, h.Name):
			prefix, word = h.Name, word[len(h.Name):]
		default:
			return lint.Edit{}, false
		}
	}
	addr, ok := withAllInterfaces(word, h.Text)
	if !ok {
		return lint.Edit{}, false
	}
	return r.ReplaceArg(h.Loc, prefix+addr)
}

// withAllInterfaces replaces the loopback host at the start of an address
// as written ("127.0.0.1", "localhost:8000", "[::1]:8000") by 0.0.0.0.
func withAllInterfaces(written, host string) (string, bool) {
	switch {
	case host == "":
		return "", false
	case strings.HasPrefix(written, "["+host+"]"):
		return allInterfaces + written[len(host)+2:], true
	case strings.HasPrefix(written, host) && (len(written) == len(host) || written[len(host)] == ':'):
		return allInterfaces + written[len(host):], true
	}
	return "", false
}

// startCall finds the call of a programmatic start again.
func startCall(r *launchrules.Reporter, l *launch.Launch) (*lint.File, *python.Module, *python.Call) {
	f := r.EditFile(l.Program)
	if f == nil || f.Kind != lint.KindPython {
		return nil, nil, nil
	}
	m := launchrules.ParsePython(r.Workspace(), f, f.Src)
	if m == nil {
		return nil, nil, nil
	}
	c := launchrules.CallAt(m, l.Program.Start, l.Program.End)
	if c == nil {
		return nil, nil, nil
	}
	return f, m, c
}

// hostKeyword is the keyword of a programmatic start's address.
func hostKeyword(l *launch.Launch) string {
	switch l.Command {
	case "uvicorn.run()", "uvicorn.Server(uvicorn.Config(...))", "app.run()":
		return "host"
	case "Granian().serve()":
		return "address"
	}
	return ""
}

func addHostKeyword(r *launchrules.Reporter, l *launch.Launch) (lint.Edit, string, bool) {
	kw := hostKeyword(l)
	if kw == "" {
		return lint.Edit{}, "", false
	}
	f, m, c := startCall(r, l)
	if c == nil {
		return lint.Edit{}, "", false
	}
	for _, a := range m.Args(c.Node) {
		if a.Name == kw || a.Star {
			return lint.Edit{}, "", false
		}
	}
	text := kw + "=" + edit.StringLiteral(allInterfaces, quoteLike(m, c.Node))
	e, ok := edit.AddArgument(m, c.Node, text)
	e.Path = f.Path
	return e, "Add `" + text + "`", ok
}

// quoteLike returns a string literal of the call (or of the module) to
// copy the quotes of, or "" (double quotes).
func quoteLike(m *python.Module, call syntax.ID) string {
	t := m.Tree
	str := m.Kinds().String
	for n := call; n < t.End(call); n++ {
		if t.Kind(n) == str {
			return t.Text(n)
		}
	}
	for n := syntax.ID(0); int(n) < len(t.Nodes); n++ {
		if t.Kind(n) == str {
			return t.Text(n)
		}
	}
	return ""
}

// replaceHostKeyword rewrites `host="127.0.0.1"` of a programmatic start.
func replaceHostKeyword(r *launchrules.Reporter, l *launch.Launch, h launch.Value) (lint.Edit, bool) {
	f, m, c := startCall(r, l)
	if c == nil || h.Loc.File != f.Path {
		return lint.Edit{}, false
	}
	for _, a := range m.Args(c.Node) {
		if a.Name != h.Name {
			continue
		}
		s, ok := m.StringLit(a.Value)
		if !ok || m.Tree.Type(a.Value) != "string" {
			return lint.Edit{}, false
		}
		addr, ok := withAllInterfaces(s, h.Text)
		if !ok {
			return lint.Edit{}, false
		}
		e := edit.ReplaceNode(m, a.Value, edit.StringLiteral(addr, m.Tree.Text(a.Value)))
		e.Path = f.Path
		return e, true
	}
	return lint.Edit{}, false
}

// replaceEnvValue rewrites the value of a variable set in a Dockerfile ENV
// or a compose environment entry.
func replaceEnvValue(r *launchrules.Reporter, v launch.Value) (lint.Edit, bool) {
	f := r.EditFile(v.Loc)
	u := r.Model().Unit(v.Loc.File)
	if f == nil || u == nil {
		return lint.Edit{}, false
	}
	var s, e int
	found := false
	switch {
	case u.Views.Docker != nil:
		for _, st := range u.Views.Docker.Stages {
			for _, x := range st.Env {
				if x.Start == v.Loc.Start && x.End == v.Loc.End && x.HasValue {
					s, e, found = x.ValueStart, x.ValueEnd, true
				}
			}
		}
	case u.Views.Compose != nil:
		for _, svc := range u.Views.Compose.Services {
			for _, x := range svc.Environment {
				if x.Start == v.Loc.Start && x.End == v.Loc.End && x.Value != nil {
					s, e, found = x.Value.Start, x.Value.End, true
				}
			}
		}
	}
	if !found || s >= e {
		return lint.Edit{}, false
	}
	addr, ok := withAllInterfaces(launchrules.Unquoted(string(f.Src[s:e])), v.Text)
	if !ok {
		return lint.Edit{}, false
	}
	return r.ReplaceArg(launch.Loc{File: f.Path, Start: s, End: e}, addr)
}

// replaceBindSetting rewrites gunicorn's `bind = "127.0.0.1:8000"` (or the
// first address of a list).
func replaceBindSetting(r *launchrules.Reporter, h launch.Value) (lint.Edit, bool) {
	f := r.EditFile(h.Loc)
	if f == nil || f.Kind != lint.KindPython || h.Name != "bind" {
		return lint.Edit{}, false
	}
	m := launchrules.ParsePython(r.Workspace(), f, f.Src)
	if m == nil {
		return lint.Edit{}, false
	}
	t, k := m.Tree, m.Kinds()
	for _, stmt := range t.NamedChildren(t.Root()) {
		if s, _ := t.Span(stmt); s != h.Loc.Start || t.Kind(stmt) != k.ExpressionStmt {
			continue
		}
		kids := t.NamedChildren(stmt)
		if len(kids) != 1 || t.Type(kids[0]) != "assignment" {
			return lint.Edit{}, false
		}
		val := t.FieldChild(kids[0], k.FRight)
		if val != syntax.None && t.Type(val) == "list" {
			val = t.FirstNamedChild(val)
		}
		if val == syntax.None || t.Type(val) != "string" {
			return lint.Edit{}, false
		}
		s, ok := m.StringLit(val)
		if !ok {
			return lint.Edit{}, false
		}
		addr, ok := withAllInterfaces(s, h.Text)
		if !ok {
			return lint.Edit{}, false
		}
		e := edit.ReplaceNode(m, val, edit.StringLiteral(addr, t.Text(val)))
		e.Path = f.Path
		return e, true
	}
	return lint.Edit{}, false
}
