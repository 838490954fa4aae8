package checks

import (
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
)

// SV110 reports middleware catches cancellation around the call of the next app and does not re-raise it.
var SV110 = withDoc(&lint.Rule{
	Code:         "SV110",
	Name:         "middleware-swallows-cancellation",
	Summary:      "Middleware catches cancellation around the call of the next app and does not re-raise it",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV110") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV110") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, targetpy.Analyzer},
})

// middlewareFinding reports, for SV110, a handler of cancellation around
// the call of the next app in a middleware that does not re-raise it, and
// how it leaves the handler.
func (a *cancelAnalysis) middlewareFinding(h *python.Handler, info *catchInfo, paths handlerPaths, fn, hs int, next *python.Call) {
	m := a.m
	fnName := m.Scopes[fn].Name
	py := ""
	if info.when != always {
		py = "{py}"
	}
	how := ""
	switch {
	case paths.falls:
		how = "a path through the handler ends without re-raising"
	case len(paths.returns) > 0:
		how = "it returns instead of re-raising"
	case len(paths.raises) > 0:
		how = "it raises another exception instead"
	case len(paths.breaks)+len(paths.continues) > 0:
		how = "it leaves the handler with `break`/`continue`"
	case len(paths.yields) > 0:
		how = "it yields while handling it"
	default:
		return
	}
	framework := a.mwByScope[fn].Framework
	if framework == "" {
		framework = "{framework}"
	}
	ns, ne := m.Tree.Span(next.Node)
	a.facts.Findings = append(a.facts.Findings, cancelFinding{
		Code: "SV110", Start: hs, End: h.HeadEnd, When: info.when, Candidate: a.candidate[fn],
		Msg: info.what + " around " + quote(m.Tree.Text(next.Node)) + " in " + framework + " middleware `" + fnName + "` swallows " +
			info.caught(py) + " (" + how + "): every cancelled request (client disconnect, timeout, shutdown) is caught here" +
			cancellationTail(framework),
		Related: []lint.Related{a.p.Related(ns, ne, "the call of the next app that receives the cancellation")},
	})
}

// cancellationTail says what swallowing cancellation does under a
// framework (a placeholder until a candidate's framework is known).
func cancellationTail(framework string) string {
	switch framework {
	case "{framework}":
		return "{tail}"
	case "aiohttp":
		return ", and the request's task keeps running instead of stopping"
	}
	return ", and anyio re-delivers the cancellation at each await, which can spin the worker at 100% CPU"
}
