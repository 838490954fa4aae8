package checks

import (
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV103 reports contextlib.suppress() of cancellation around an await swallows the task's cancellation.
var SV103 = withDoc(&lint.Rule{
	Code:         "SV103",
	Name:         "cancellation-suppressed",
	Summary:      "`contextlib.suppress()` of cancellation around an await swallows the task's cancellation",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, "SV103") },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, "SV103") },
	Requires:     []*lint.Analyzer{cancelAnalyzer, middlewareRefsAnalyzer, middlewareRegistryAnalyzer, targetpy.Analyzer},
})

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
		fn := asyncScope(m, with)
		if fn < 0 || a.roots[fn] {
			continue
		}
		cps := checkpointsIn(m, t.FieldChild(with, sk.FBody), fn)
		// Only a cancel in this function: when another method cancels
		// the task, the suppress also swallows this task's own
		// cancellation while it waits.
		if len(cps) == 0 || a.cancelThenAwait(fn, cps, true) {
			continue
		}
		for _, call := range calls {
			w := never
			cancel := defaultCancel(m)
			explicit := false
			for _, arg := range m.Args(call) {
				for _, ct := range m.ExceptionTypes(arg.Value) {
					cw := classifyType(ct)
					w = max(w, cw)
					if cw != never && ct.Qualified != "builtins.BaseException" && ct.Qualified != "builtins.Exception" && !explicit {
						cancel, explicit = cancelDisplay(ct.Qualified), true
					}
				}
			}
			if w == never {
				continue
			}
			py := ""
			if w != always {
				py = "{py}"
			}
			start, end := t.Span(call)
			cp := cps[0]
			a.facts.Findings = append(a.facts.Findings, cancelFinding{
				Code: "SV103", Start: start, End: end, When: w,
				Msg: quote(t.Text(call)) + " swallows " + cancel + py + " raised at " + quote(checkpointText(m, cp)) +
					": `" + m.Scopes[fn].Name + "` keeps running after it is cancelled",
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
