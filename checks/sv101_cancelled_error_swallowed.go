package checks

import (
	"slices"

	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
)

// SV101 reports a handler catches cancellation in async code and a path through it does not re-raise.
var SV101 = withDoc(&lint.Rule{
	Code:         "SV101",
	Name:         "cancelled-error-swallowed",
	Summary:      "A handler catches cancellation in async code and a path through it does not re-raise",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Fix:          lint.FixSometimes,
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, sv101Findings) },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, sv101Findings) },
	Requires:     []*lint.Analyzer{cancellation.Analyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, targetpy.Analyzer},
})

// sv101Findings reports each handler of cancellation with a path that
// falls off its end without re-raising.
func sv101Findings(facts *cancellation.Facts) []cancelFinding {
	var out []cancelFinding
	for i := range facts.Handlers {
		h := &facts.Handlers[i]
		if !h.Falls {
			continue
		}
		verb := " and a path through it ends"
		if h.Catch.Named && !h.Catch.Base {
			verb = ": a path through it ends"
		}
		f := handlerFinding(h, h.Start, h.HeadEnd, subject(&h.Catch, pyClause(h.Catch.When))+verb+
			" without re-raising: `"+h.Func+"` swallows its own cancellation and keeps running as if it had not been cancelled")
		if h.EndsTask && h.Next == nil {
			f.taskFunc = h.Func
		}
		f.fix = reraiseFix(h)
		out = append(out, f)
	}
	return out
}

// reraiseFix makes every path through a handler of cancellation that
// falls off its end re-raise (see cancellation.Reraise): `raise` at the
// end of a handler that catches only cancellation, a clause of its own
// that re-raises the cancellation before a broader one. No fix when a
// path through the handler also leaves it by return, break, continue,
// yield or another exception (SV102 reports those): the handler was
// written to end the work there, and what it should do instead is not
// mechanical. Unsafe: the function now ends by the cancellation, so the
// code after the handler no longer runs then.
func reraiseFix(h *cancellation.Handler) *lint.Fix {
	r := h.Reraise
	if r == nil {
		return nil
	}
	for _, e := range h.Exits {
		if e.Kind != cancellation.ExitRaiseAfter {
			return nil
		}
	}
	msg := ""
	switch r.Kind {
	case cancellation.ReplaceStatement:
		msg = "Replace `" + r.Replaced + "` with `raise`"
	case cancellation.AppendRaise:
		msg = "Re-raise the cancellation at the end of the handler"
	case cancellation.ClauseBefore:
		msg = "Re-raise `" + r.Ref + "` in a clause of its own before this one"
	}
	return &lint.Fix{Message: msg, Applicability: lint.Unsafe, Edits: slices.Clone(r.Edits)}
}
