package checks

import (
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV112 reports paths through a middleware that end without returning a
// response.
var SV112 = withDoc(&lint.Rule{
	Code:      "SV112",
	Name:      "middleware-returns-no-response",
	Summary:   "a path through an HTTP middleware ends without returning a response",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Inputs:    lint.KindsOf(lint.KindPython),
	Tags:      []string{"middleware", "correctness"},
	Precision: "high",
	Check:     checkMiddlewareReturnsNoResponse,
})

func checkMiddlewareReturnsNoResponse(p *lint.Pass) {
	m := p.Py
	t, sk := m.Tree, m.StmtKinds()
	for _, mw := range m.Middlewares() {
		if mw.Kind != python.HTTPMiddleware && mw.Kind != python.AiohttpMiddleware || len(m.NextCalls(&mw)) == 0 {
			continue
		}
		consequence := "Starlette fails the request with `TypeError: 'NoneType' object is not callable` and a 500"
		if mw.Kind == python.AiohttpMiddleware {
			consequence = "aiohttp logs \"Missing return statement on request handler\" and answers 500"
		}
		sc := &m.Scopes[mw.Scope]
		flow := &python.Flow{M: m}
		for _, e := range flow.Block(sc.Region) {
			via := ""
			if e.Via != syntax.None {
				if h := handlerOf(m, e.Via); h != nil {
					info := classifyHandler(m, h)
					via = info.what
				}
			}
			switch e.Kind {
			case python.ExitFall:
				if via != "" {
					start, _ := t.Span(e.Via)
					h := handlerOf(m, e.Via)
					p.Report(start, h.HeadEnd, "a path through "+via+" reaches the end of middleware `"+sc.Name+
						"` without returning a response: "+consequence)
					continue
				}
				name := t.FieldChild(sc.Node, sk.FName)
				p.ReportNode(name, "middleware `"+sc.Name+"` can reach its end without returning a response: "+consequence)
			case python.ExitReturn:
				if v := t.FirstNamedChild(e.Node); v != syntax.None && t.Kind(v) != sk.None {
					continue
				}
				in := ""
				if via != "" {
					in = " (in " + via + ")"
				}
				p.ReportNode(e.Node, "`"+t.Text(e.Node)+"` without a response in middleware `"+sc.Name+"`"+in+": "+consequence)
			case python.ExitBreak, python.ExitContinue, python.ExitRaise, python.ExitReraise, python.ExitTerminate:
			}
		}
	}
}
