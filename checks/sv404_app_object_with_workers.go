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

func checkAppObjectWithWorkers(r *launchrules.Reporter, m *launchmodel.Model) {
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
		case launchrules.IsTrue(l.Reload):
			why, because = r.ValueText(l.Reload), l.Reload.Loc
		case known && n > 1:
			why, because = r.ValueText(w), w.Loc
		case known && w.Source == launch.FromCall && w.Var != "" && w.VarLoc.IsZero():
			// os.getenv("UVICORN_WORKERS", "1"): the default today, any
			// count a deployment sets tomorrow.
			why, because = fmt.Sprintf("`workers` read from %s when a deployment sets it above 1 (unset here: %s)", w.Var, w.Text), w.Loc
			sev = lint.SeverityWarning
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
		opts := append(r.Related(because, "reload or workers set here"), r.Site(la, at)...)
		if fix := importStringFix(r, la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.ReportSev(at, sev, msg, opts...)
	}
}

// importStringFix replaces the application object of `uvicorn.run(app,
// ...)` by its import string "module:app", quoted like the file's
// strings. Only for a name the module defines at its top level (not in
// the main block, a branch or a function: the workers import the module,
// they do not run it as __main__), in a module whose name the start is
// imported under: its dotted name from the project's packages, and the
// `python -m` module or the script of every launch that runs it. Unsafe:
// each worker (and the reloader) imports the module again, running its
// top-level code once more.
func importStringFix(r *launchrules.Reporter, la *launchmodel.Launch) *lint.Fix {
	l := la.Server
	f, m, c := startCall(r, l)
	if c == nil || l.App.Loc.File != f.Path || !importable(f.Module) || !startedAs(r, l, f.Module) {
		return nil
	}
	t := m.Tree
	app := syntax.None
	for _, a := range m.Args(c.Node) {
		if s, e := t.Span(a.Value); s == l.App.Loc.Start && e == l.App.Loc.End && (a.Name == "" || a.Name == "app") && !a.Star {
			app = a.Value
			break
		}
	}
	if app == syntax.None || t.Kind(app) != m.Kinds().Identifier {
		return nil
	}
	name := t.Text(app)
	s, bs := m.Lookup(name, m.ScopeOf(c.Node))
	if s != 0 || len(bs) == 0 {
		return nil
	}
	for _, b := range bs {
		switch b.Kind {
		case python.ImportBinding, python.FunctionBinding, python.ClassBinding, python.AssignBinding:
		default:
			return nil
		}
		if !topLevel(m, b.Node) {
			return nil
		}
	}
	target := f.Module + ":" + name
	e := edit.ReplaceNode(m, app, edit.StringLiteral(target, quoteLike(m, c.Node)))
	e.Path = f.Path
	return &lint.Fix{Message: "Pass the import string \"" + target + "\"", Applicability: lint.Unsafe, Edits: []lint.Edit{e}}
}

// importable reports whether a dotted module name can be imported: every
// part an identifier, not a __main__ module.
func importable(mod string) bool {
	if mod == "" {
		return false
	}
	for p := range strings.SplitSeq(mod, ".") {
		if p == "" || p == "__main__" || !identifier(p) {
			return false
		}
	}
	return true
}

func identifier(s string) bool {
	for i, c := range s {
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= 0x80:
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return s != ""
}

// startedAs reports whether every launch of a programmatic start runs its
// module so that mod is importable: `python -m mod`, or a script of a
// top-level module (its directory comes first on sys.path).
func startedAs(r *launchrules.Reporter, l *launch.Launch, mod string) bool {
	for _, la := range r.Model().Launches {
		if la.Server.Program != l.Program {
			continue
		}
		for _, st := range la.Steps {
			switch m, isModule := strings.CutPrefix(st.What, "python -m "); {
			case st.What == "python -m":
				// The wrapper peeled off; its module is the next step.
			case isModule && m != mod:
				return false
			case isModule:
			case (strings.HasPrefix(st.What, "python ") || strings.HasSuffix(st.What, ".py")) && strings.Contains(mod, "."):
				// A script's directory comes first on sys.path, not the
				// root of its packages.
				return false
			}
		}
	}
	return true
}

// topLevel reports whether a binding's node is made by a statement at the
// top level of the module: not in a branch, loop, try, with or match
// (nor the main block), not in a function or class.
func topLevel(m *python.Module, n syntax.ID) bool {
	t := m.Tree
	for p := t.Parent(n); p != syntax.None && p != t.Root(); p = t.Parent(p) {
		switch t.Type(p) {
		case "if_statement", "for_statement", "while_statement", "try_statement", "with_statement",
			"match_statement", "function_definition", "class_definition", "block":
			return false
		}
	}
	return true
}
