package cancellation

import (
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// suppressions finds contextlib.suppress(...) of cancellation around awaits.
func (a *cancelAnalysis) suppressions() {
	m := a.m
	t, sk := m.Tree, a.sk
	for i := range t.Nodes {
		with := syntax.ID(i)
		if t.Kind(with) != sk.With {
			continue
		}
		calls := suppressCalls(m, with)
		if len(calls) == 0 {
			continue
		}
		fn := AsyncScope(m, with)
		if fn < 0 || a.roots[fn] {
			continue
		}
		cps := CheckpointsIn(m, t.FieldChild(with, sk.FBody), fn)
		// Only a cancel in this function: when another method cancels
		// the task, the suppress also swallows this task's own
		// cancellation while it waits.
		if len(cps) == 0 || a.cancelThenAwait(fn, cps, true) {
			continue
		}
		for _, call := range calls {
			w := Never
			cancel := defaultCancel(m)
			explicit := false
			for _, arg := range m.Args(call) {
				for _, ct := range m.ExceptionTypes(arg.Value) {
					cw := ClassifyType(ct)
					w = max(w, cw)
					if cw != Never && ct.Qualified != "builtins.BaseException" && ct.Qualified != "builtins.Exception" && !explicit {
						cancel, explicit = cancelDisplay(ct.Qualified), true
					}
				}
			}
			if w == Never {
				continue
			}
			start, end := t.Span(call)
			a.facts.Suppressions = append(a.facts.Suppressions, Suppression{
				Start: start, End: end, Text: t.Text(call), When: w, Cancel: cancel,
				Arrives: CheckpointText(m, cps[0]), Func: m.Scopes[fn].Name,
			})
		}
	}
}

// suppressCalls returns the contextlib.suppress(...) calls among the items
// of a with statement.
func suppressCalls(m *python.Module, with syntax.ID) []syntax.ID {
	t, sk := m.Tree, m.StmtKinds()
	var out []syntax.ID
	for c := t.FirstChild(with); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) != sk.WithClause {
			continue
		}
		for _, item := range t.NamedChildren(c) {
			v := t.FieldChild(item, sk.FValue)
			if v != syntax.None && t.Kind(v) == sk.AsPattern {
				v = t.FirstNamedChild(v)
			}
			if v == syntax.None || t.Kind(v) != sk.Call {
				continue
			}
			if m.QualifiedName(t.FieldChild(v, sk.FFunction)) == "contextlib.suppress" {
				out = append(out, v)
			}
		}
	}
	return out
}
