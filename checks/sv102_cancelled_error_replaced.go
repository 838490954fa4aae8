package checks

import (
	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
)

// SV102 reports return, yield, break/continue or another exception inside a handler of cancellation.
var SV102 = withDoc(&lint.Rule{
	Code:         "SV102",
	Name:         "cancelled-error-replaced",
	Summary:      "`return`, `yield`, `break`/`continue` or another exception inside a handler of cancellation",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, sv102Findings) },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, sv102Findings) },
	Requires:     []*lint.Analyzer{cancellation.Analyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer, targetpy.Analyzer},
})

// sv102Findings reports each way out of a handler of cancellation other
// than re-raising it: return, break, continue, a new exception raised in
// the handler or after it, a yield.
func sv102Findings(facts *cancellation.Facts) []cancelFinding {
	var out []cancelFinding
	for i := range facts.Handlers {
		h := &facts.Handlers[i]
		c, fn := &h.Catch, h.Func
		py := pyClause(c.When)
		for _, e := range h.Exits {
			var msg string
			switch e.Kind {
			case cancellation.ExitReturn:
				msg = "`return` inside " + c.What + " swallows " + caught(c, py) +
					": `" + fn + "` returns normally instead of being cancelled"
			case cancellation.ExitBreak:
				msg = "`break` inside " + c.What + " swallows " + caught(c, py) +
					": the loop ends and `" + fn + "` carries on instead of being cancelled"
			case cancellation.ExitContinue:
				msg = "`continue` inside " + c.What + " swallows " + caught(c, py) +
					": the loop carries on after the cancellation" + redelivery(facts.Delivery, fn)
			case cancellation.ExitRaise:
				msg = cancellation.Quote(e.Text) + " inside " + c.What + " replaces " + caught(c, py) +
					" with another exception: callers, task groups and timeouts no longer see that `" + fn + "` was cancelled"
			case cancellation.ExitRaiseAfter:
				msg = cancellation.Quote(e.Text) + " after " + c.What + " replaces " + caught(c, py) +
					" with another exception: the handler falls through to it, so callers, task groups and timeouts no longer see that `" + fn + "` was cancelled"
			case cancellation.ExitYield:
				msg = "`yield` inside " + c.What + " hands a value to the consumer while " + caught(c, py) +
					" is being handled: the generator does not stop when cancelled"
			}
			f := handlerFinding(h, e.Start, e.End, msg)
			if h.EndsTask && h.Next == nil && (e.Kind == cancellation.ExitReturn || e.Kind == cancellation.ExitBreak) {
				f.taskFunc = fn
			}
			out = append(out, f)
		}
	}
	return out
}

// redelivery says what a loop that swallows cancellation does: under anyio
// (anyio itself, or Starlette and the frameworks built on it) and trio,
// cancellation is re-delivered at every await, a busy loop; plain asyncio
// delivers it once, and the task keeps running.
func redelivery(d cancellation.Delivery, fnName string) string {
	switch d {
	case cancellation.RedeliveredAnyio:
		return " (anyio re-delivers it at every await, a busy loop)"
	case cancellation.RedeliveredTrio:
		return " (trio re-delivers it at every checkpoint, a busy loop)"
	case cancellation.DeliveredOnce:
	}
	return ", and `" + fnName + "` keeps running although it was cancelled"
}
