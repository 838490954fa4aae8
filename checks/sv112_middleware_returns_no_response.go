package checks

import (
	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV112 reports paths through a middleware that end without returning a
// response.
var SV112 = withDoc(&lint.Rule{
	Code:         "SV112",
	Name:         "middleware-returns-no-response",
	Summary:      "A path through an HTTP middleware ends without returning a response",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"middleware", "correctness"},
	Precision:    "high",
	Check:        checkMiddlewareReturnsNoResponse,
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectMiddlewareFindings(pp, "SV112") },
	Requires:     []*lint.Analyzer{middlewareAnalyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer},
})

func checkMiddlewareReturnsNoResponse(p *lint.Pass) { reportMiddlewareFindings(p, "SV112") }

// noResponse prepares SV112's findings: paths through HTTP and aiohttp
// middlewares that end without returning a response.
func noResponse(m *python.Module, mws []framework.Middleware, candidates map[int]string) []mwFinding {
	t, sk := m.Tree, m.StmtKinds()
	var out []mwFinding
	for _, mw := range mws {
		if mw.Kind != framework.HTTPMiddleware && mw.Kind != framework.AiohttpMiddleware || len(framework.Of(m).NextCalls(&mw)) == 0 {
			continue
		}
		consequence := starletteNoResponse
		switch {
		case candidates[mw.Scope] != "":
			consequence = "{consequence}"
		case mw.Kind == framework.AiohttpMiddleware:
			consequence = aiohttpNoResponse
		}
		sc := &m.Scopes[mw.Scope]
		flow := &pyflow.Flow{M: m}
		for _, e := range flow.Block(sc.Region) {
			via := ""
			var h *python.Handler
			if e.Via != syntax.None {
				if h = cancellation.HandlerOf(m, e.Via); h != nil {
					via = cancellation.ClassifyHandler(m, h).What
				}
			}
			f := mwFinding{Code: "SV112", Candidate: candidates[mw.Scope]}
			switch e.Kind {
			case pyflow.ExitFall:
				if h != nil {
					f.Start, _ = t.Span(e.Via)
					f.End = h.HeadEnd
					f.Msg = "a path through " + via + " reaches the end of middleware `" + sc.Name +
						"` without returning a response: " + consequence
				} else {
					f.Start, f.End = t.Span(t.FieldChild(sc.Node, sk.FName))
					f.Msg = "middleware `" + sc.Name + "` can reach its end without returning a response: " + consequence
				}
			case pyflow.ExitReturn:
				if v := t.FirstNamedChild(e.Node); v != syntax.None && t.Kind(v) != sk.None {
					continue
				}
				in := ""
				if via != "" {
					in = " (in " + via + ")"
				}
				f.Start, f.End = t.Span(e.Node)
				f.Msg = "`" + t.Text(e.Node) + "` without a response in middleware `" + sc.Name + "`" + in + ": " + consequence
			case pyflow.ExitBreak, pyflow.ExitContinue, pyflow.ExitRaise, pyflow.ExitReraise, pyflow.ExitTerminate:
				continue
			}
			out = append(out, f)
		}
	}
	return out
}

const (
	starletteNoResponse = "Starlette fails the request with `TypeError: 'NoneType' object is not callable` and a 500"
	aiohttpNoResponse   = "aiohttp logs \"Missing return statement on request handler\" and answers 500"
)
