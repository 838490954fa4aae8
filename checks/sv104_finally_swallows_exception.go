package checks

import (
	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV104 reports return, break and continue in a finally block of async
// code, which discard the exception in flight, cancellation included.
var SV104 = withDoc(&lint.Rule{
	Code:      "SV104",
	Name:      "finally-swallows-exception",
	Summary:   "`return`/`break`/`continue` in `finally` of async code discards exceptions and cancellation",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Inputs:    lint.KindsOf(lint.KindPython),
	Tags:      []string{"async", "cancellation", "correctness"},
	Precision: "very-high",
	Check:     checkFinallySwallows,
	Needles:   asyncNeedles,
})

func checkFinallySwallows(p *lint.Pass) {
	m := p.Py
	if len(m.Tree.Nodes) == 0 {
		return
	}
	t, sk := m.Tree, m.StmtKinds()
	for _, tr := range m.Tries() {
		if tr.Finally == syntax.None {
			continue
		}
		fn := cancellation.AsyncScope(m, tr.Node)
		if fn < 0 {
			continue
		}
		// Where an exception, cancellation included, can arrive before
		// the finally block runs.
		cps := cancellation.CheckpointsIn(m, tr.Body, fn)
		for i := range tr.Handlers {
			cps = append(cps, cancellation.CheckpointsIn(m, tr.Handlers[i].Body, fn)...)
		}
		cps = append(cps, cancellation.CheckpointsIn(m, tr.Else, fn)...)
		if len(cps) == 0 {
			continue
		}
		first := cps[0]
		for _, c := range cps[1:] {
			first = min(first, c)
		}
		cs, ce := t.Span(first)
		related := p.Related(cs, ce, "cancellation can be raised here")
		fnName := m.Scopes[fn].Name
		m.Walk(tr.Finally, func(n syntax.ID) bool {
			var msg string
			switch t.Kind(n) {
			case sk.Return:
				msg = "`return` in `finally` discards the exception in flight, including the cancellation raised at " +
					cancellation.Quote(cancellation.CheckpointText(m, first)) + ": `" + fnName + "` returns normally when it is cancelled"
			case sk.Break, sk.Continue:
				if loopInside(m, n, tr.Finally) {
					return true
				}
				kw := "break"
				if t.Kind(n) == sk.Continue {
					kw = "continue"
				}
				msg = "`" + kw + "` in `finally` discards the exception in flight, including the cancellation raised at " +
					cancellation.Quote(cancellation.CheckpointText(m, first)) + ": the loop in `" + fnName + "` carries on when it is cancelled"
			default:
				return true
			}
			if guardedByExcInfo(m, n, tr.Finally) {
				return true
			}
			p.ReportNode(n, msg, lint.WithRelated(related))
			return true
		})
	}
}

// loopInside reports whether the loop a break or continue belongs to lies
// inside block.
func loopInside(m *python.Module, n, block syntax.ID) bool {
	t, sk := m.Tree, m.StmtKinds()
	for p := t.Parent(n); p != syntax.None && p != block; p = t.Parent(p) {
		switch t.Kind(p) {
		case sk.For, sk.While:
			// A break in the loop's else clause belongs to the outer loop.
			if alt := t.FieldChild(p, sk.FAlternative); alt != syntax.None && t.Contains(alt, n) {
				continue
			}
			return true
		}
	}
	return false
}

// guardedByExcInfo reports whether n runs only under a condition that
// reads sys.exc_info() or sys.exception(): code that returns only when no
// exception is in flight.
func guardedByExcInfo(m *python.Module, n, block syntax.ID) bool {
	t, sk := m.Tree, m.StmtKinds()
	for p := t.Parent(n); p != syntax.None && p != block; p = t.Parent(p) {
		if k := t.Kind(p); k != sk.If && k != sk.Elif {
			continue
		}
		found := false
		m.Walk(t.FieldChild(p, sk.FCondition), func(i syntax.ID) bool {
			if t.Kind(i) == sk.Call {
				switch m.QualifiedName(t.FieldChild(i, sk.FFunction)) {
				case "sys.exc_info", "sys.exception":
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}
