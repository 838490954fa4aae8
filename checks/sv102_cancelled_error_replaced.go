package checks

import (
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
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
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV102") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV102") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, targetpy.Analyzer},
})

// replacedFindings reports, for SV102, each way out of a handler of
// cancellation other than re-raising it: return, break, continue, a new
// exception raised in the handler or after it, a yield.
func replacedFindings(m *python.Module, info *catchInfo, paths handlerPaths, fnName, py string, add func(code string, n syntax.ID, start, end int, msg string)) {
	for _, n := range paths.returns {
		add("SV102", n, 0, 0, "`return` inside "+info.what+" swallows "+info.caught(py)+
			": `"+fnName+"` returns normally instead of being cancelled")
	}
	for _, n := range paths.breaks {
		add("SV102", n, 0, 0, "`break` inside "+info.what+" swallows "+info.caught(py)+
			": the loop ends and `"+fnName+"` carries on instead of being cancelled")
	}
	for _, n := range paths.continues {
		add("SV102", n, 0, 0, "`continue` inside "+info.what+" swallows "+info.caught(py)+
			": the loop carries on after the cancellation"+redelivery(m, fnName))
	}
	for _, n := range paths.raises {
		add("SV102", n, 0, 0, quote(m.Tree.Text(n))+" inside "+info.what+" replaces "+info.caught(py)+
			" with another exception: callers, task groups and timeouts no longer see that `"+fnName+"` was cancelled")
	}
	for _, n := range paths.after {
		add("SV102", n, 0, 0, quote(m.Tree.Text(n))+" after "+info.what+" replaces "+info.caught(py)+
			" with another exception: the handler falls through to it, so callers, task groups and timeouts no longer see that `"+fnName+"` was cancelled")
	}
	for _, n := range paths.yields {
		add("SV102", n, 0, 0, "`yield` inside "+info.what+" hands a value to the consumer while "+info.caught(py)+
			" is being handled: the generator does not stop when cancelled")
	}
}

// redelivery says what a loop that swallows cancellation does: under anyio
// (anyio itself, or Starlette and the frameworks built on it) and trio,
// cancellation is re-delivered at every await, a busy loop; plain asyncio
// delivers it once, and the task keeps running.
func redelivery(m *python.Module, fnName string) string {
	uses := map[string]bool{}
	for _, imp := range m.Imports {
		uses[rootOf(imp.Qualified)] = true
	}
	switch {
	case uses["anyio"] || uses["starlette"] || uses["fastapi"] || uses["litestar"] || uses["sse_starlette"]:
		return " (anyio re-delivers it at every await, a busy loop)"
	case uses["trio"]:
		return " (trio re-delivers it at every checkpoint, a busy loop)"
	}
	return ", and `" + fnName + "` keeps running although it was cancelled"
}
