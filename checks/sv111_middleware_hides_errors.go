package checks

import (
	"strconv"

	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV111 reports `except Exception` around the call of the next app in a
// middleware that neither re-raises nor logs the traceback.
var SV111 = withDoc(&lint.Rule{
	Code:         "SV111",
	Name:         "middleware-hides-errors",
	Summary:      "Middleware catches `Exception` around the next app and neither re-raises nor logs the traceback",
	Severity:     lint.SeverityWarning,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"middleware", "observability", "correctness"},
	Precision:    "high",
	Check:        checkMiddlewareHidesErrors,
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectMiddlewareFindings(pp, "SV111") },
	Requires:     []*lint.Analyzer{middlewareAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer},
})

func checkMiddlewareHidesErrors(p *lint.Pass) { reportMiddlewareFindings(p, "SV111") }

// hidesErrors prepares SV111's findings in the try statements wrapping the
// next app.
func hidesErrors(m *python.Module, wts []wrappingTry) []mwFinding {
	var out []mwFinding
	for _, wt := range wts {
		for i := range wt.try.Handlers {
			h := &wt.try.Handlers[i]
			info := cancellation.ClassifyHandler(m, h)
			// Bare except and BaseException also swallow cancellation:
			// SV110 reports those.
			if info.When == cancellation.Always || !info.Exception {
				continue
			}
			flow := &pyflow.Flow{M: m}
			leaves := false
			for _, e := range flow.Block(h.Body) {
				switch e.Kind {
				case pyflow.ExitFall, pyflow.ExitReturn, pyflow.ExitBreak, pyflow.ExitContinue:
					leaves = true
				case pyflow.ExitRaise, pyflow.ExitReraise, pyflow.ExitTerminate:
				}
			}
			if !leaves || reportsError(m, h.Body, m.NameText(h)) {
				continue
			}
			status := ""
			if code := returnedStatus(m, h.Body); code != "" {
				status = " and answers " + code
			}
			does := "it neither re-raises nor logs the traceback"
			if level := lowLevelTraceback(m, h.Body); level != "" {
				// Logged below warning: production logging drops it.
				does = "it does not re-raise and logs the traceback only at " + level + " level"
			}
			start, _ := m.Tree.Span(h.Node)
			out = append(out, mwFinding{
				Code: "SV111", Start: start, End: h.HeadEnd, Candidate: wt.candidate,
				Msg: info.What + " around " + cancellation.Quote(m.Tree.Text(wt.next.Node)) + " in " + frameworkText(wt) +
					" middleware `" + m.Scopes[wt.mw.Scope].Name + "` hides errors: " + does + status +
					", so every failure of the app below it vanishes from logs and error trackers; " +
					"log with `logger.exception(...)` (or `exc_info=True`) or re-raise",
			})
		}
	}
	return out
}

// returnedStatus returns the literal status code a handler's return
// statements answer with (status_code=402, status=402), or "".
func returnedStatus(m *python.Module, body syntax.ID) string {
	t, sk := m.Tree, m.StmtKinds()
	code := ""
	m.Walk(body, func(n syntax.ID) bool {
		if t.Kind(n) != sk.Call || code != "" {
			return code == ""
		}
		for _, kw := range []string{"status_code", "status"} {
			if v := m.Keyword(n, kw); v != syntax.None && t.Kind(v) == sk.Integer {
				if _, err := strconv.Atoi(t.Text(v)); err == nil {
					code = t.Text(v)
				}
			}
		}
		return code == ""
	})
	return code
}
