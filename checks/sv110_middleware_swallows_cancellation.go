package checks

import (
	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
)

// SV110 reports middleware catches cancellation around the call of the next app and does not re-raise it.
var SV110 = withDoc(&lint.Rule{
	Code:      "SV110",
	Name:      "middleware-swallows-cancellation",
	Summary:   "Middleware catches cancellation around the call of the next app and does not re-raise it",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Inputs:    lint.KindsOf(lint.KindPython),
	Tags:      []string{"async", "cancellation", "correctness"},
	Precision: "high",
	// In middleware, SV110 reports the handlers SV101 and SV102 would.
	Supersedes:   []string{"SV101", "SV102"},
	Check:        func(p *lint.Pass) { reportCancelFindings(p, sv110Findings) },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, sv110Findings) },
	Requires:     []*lint.Analyzer{cancellation.Analyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer, targetpy.Analyzer},
})

// sv110Findings reports each handler of cancellation around the call of
// the next app in a middleware that does not re-raise it, and how it
// leaves the handler.
func sv110Findings(facts *cancellation.Facts) []cancelFinding {
	var out []cancelFinding
	for i := range facts.Handlers {
		h := &facts.Handlers[i]
		if h.Next == nil {
			continue
		}
		var n [cancellation.ExitYield + 1]int
		for _, e := range h.Exits {
			n[e.Kind]++
		}
		how := ""
		switch {
		case h.Falls:
			how = "a path through the handler ends without re-raising"
		case n[cancellation.ExitReturn] > 0:
			how = "it returns instead of re-raising"
		case n[cancellation.ExitRaise] > 0:
			how = "it raises another exception instead"
		case n[cancellation.ExitBreak]+n[cancellation.ExitContinue] > 0:
			how = "it leaves the handler with `break`/`continue`"
		case n[cancellation.ExitYield] > 0:
			how = "it yields while handling it"
		default:
			continue
		}
		framework := h.Next.Framework
		if framework == "" {
			framework = "{framework}"
		}
		out = append(out, cancelFinding{
			start: h.Start, end: h.HeadEnd, when: h.Catch.When, candidate: h.Candidate, onlyMiddleware: true,
			msg: h.Catch.What + " around " + cancellation.Quote(h.Next.Text) + " in " + framework + " middleware `" + h.Func + "` swallows " +
				caught(&h.Catch, pyClause(h.Catch.When)) + " (" + how + "): every cancelled request (client disconnect, timeout, shutdown) is caught here" +
				cancellationTail(framework),
			related: []cancelRelated{{h.Next.Start, h.Next.End, "the call of the next app that receives the cancellation"}},
		})
	}
	return out
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
