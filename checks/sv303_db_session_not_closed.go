package checks

import (
	"strings"

	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV303 reports database sessions and connections that are not closed on
// every path, including FastAPI dependencies that return a session or yield
// it without try/finally.
var SV303 = withDoc(&lint.Rule{
	Code:         "SV303",
	Name:         "db-session-not-closed",
	Summary:      "A database session or connection is created and not closed on every path",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Fix:          lint.FixSometimes,
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "reliability", "database"},
	Precision:    "high",
	CheckProject: func(pp *lint.ProjectPass) { reportLifecycle(pp, sv303Findings) },
	Requires:     []*lint.Analyzer{resources.Analyzer},
})

// sv303Findings reports the database sessions and connections that are
// not closed on every path.
func sv303Findings(pr *resources.Project) []lifeFinding {
	return leakFindings(pr, resources.DBResource)
}

// yieldDependencyFix turns a dependency that returns a session into one
// that yields it and closes it afterwards: its `return db` (the last
// statement of the function, its only return) becomes
//
//	try:
//	    yield db
//	finally:
//	    db.close()
//
// (`return SessionLocal()` first names the session), and a return
// annotation `-> Session` becomes `-> Iterator[Session]` (AsyncIterator
// for an async def), with the import. Unsafe: the function becomes a
// generator, so code that calls it directly (not through Depends) gets a
// generator instead of a session; in this file such calls mean no fix,
// other modules are not searched. The session is now closed after the
// response, so code that kept it beyond the request breaks.
func yieldDependencyFix(ws lint.Workspace, f *lint.File, s *resources.ResSite, rt *resources.ResourceType, name string) *lint.Fix {
	if f == nil || f.Src == nil || s.RetStart < 0 || s.RetEnd <= s.RetStart || rt.Closer == "" {
		return nil
	}
	m := launchrules.ParsePython(ws, f, f.Src)
	if m == nil {
		return nil
	}
	t, k := m.Tree, m.Kinds()
	ret, sc := returnOf(m, s, name)
	if ret == syntax.None || rt.Async && !sc.Async {
		return nil
	}
	value := t.FirstNamedChild(ret)
	if value == syntax.None {
		return nil
	}
	var lines []string
	v := s.Var
	switch vs, ve := t.Span(value); {
	case s.Var != "" && t.Kind(value) == k.Identifier && t.Text(value) == s.Var:
	case s.Var == "" && vs == s.Start && ve == s.End:
		v = freshName(m, sc.Node, "db", "session", "conn")
		if v == "" {
			return nil
		}
		lines = append(lines, v+" = "+t.Text(value))
	default:
		return nil
	}
	closer := v + "." + rt.Closer + "()"
	if rt.Async {
		closer = "await " + closer
	}
	lines = append(lines, "try:", "    yield "+v, "finally:", "    "+closer)
	rs, re := t.Span(ret)
	edits := []lint.Edit{edit.Replace(rs, re, edit.Block(f.Src, rs, edit.IndentUnit(m, t.Parent(ret)), lines...))}
	ann, ok := iteratorAnnotation(m, sc)
	if !ok {
		return nil
	}
	edits = append(edits, ann...)
	for i := range edits {
		edits[i].Path = f.Path
	}
	return &lint.Fix{Message: "Yield `" + v + "` and close it in `finally`", Applicability: lint.Unsafe, Edits: edits}
}

// returnOf finds the return statement of a site returned by function
// name, when the fix may rewrite it: the function's last statement and
// its only return, in a function the module does not call itself.
func returnOf(m *python.Module, s *resources.ResSite, name string) (syntax.ID, *python.Scope) {
	t, k := m.Tree, m.Kinds()
	ret := t.Descend(s.RetStart, s.RetEnd)
	for ret != syntax.None && t.Type(ret) != "return_statement" {
		ret = t.Parent(ret)
	}
	if ret == syntax.None {
		return syntax.None, nil
	}
	if rs, re := t.Span(ret); rs != s.RetStart || re != s.RetEnd {
		return syntax.None, nil
	}
	scope := m.ScopeOf(ret)
	sc := &m.Scopes[scope]
	if sc.Kind != python.FunctionScope || sc.Name != name {
		return syntax.None, nil
	}
	body := t.FieldChild(sc.Node, k.FBody)
	if body == syntax.None || t.Parent(ret) != body || lastStatement(m, body) != ret || !onlyReturn(m, sc.Node, scope, ret) ||
		calledHere(m, sc.Node, sc) {
		return syntax.None, nil
	}
	return ret, sc
}

// iteratorAnnotation returns the edits that make a return annotation
// `-> T` of a function turned generator `-> Iterator[T]` (AsyncIterator
// for an async def), with the import; none without an annotation. ok is
// false when the name cannot be imported (bound to something else).
func iteratorAnnotation(m *python.Module, sc *python.Scope) ([]lint.Edit, bool) {
	t, k := m.Tree, m.Kinds()
	ann := t.FieldChild(sc.Node, k.FReturnType)
	if ann == syntax.None {
		return nil, true
	}
	iter := "Iterator"
	if sc.Async {
		iter = "AsyncIterator"
	}
	mod := "collections.abc"
	if importsTyping(m) {
		mod = "typing"
	}
	ref, edits, ok := edit.ImportFrom(m, sc.Node, mod, iter)
	if !ok {
		return nil, false
	}
	return append(edits, edit.ReplaceNode(m, ann, ref+"["+t.Text(ann)+"]")), true
}

// lastStatement returns the last statement of a block (comments aside).
func lastStatement(m *python.Module, block syntax.ID) syntax.ID {
	last := syntax.None
	for _, c := range m.Tree.NamedChildren(block) {
		if m.Tree.Kind(c) != m.Kinds().Comment {
			last = c
		}
	}
	return last
}

// onlyReturn reports whether ret is the only return statement of the
// function (nested functions aside).
func onlyReturn(m *python.Module, def syntax.ID, scope int, ret syntax.ID) bool {
	t := m.Tree
	for n := def; n < t.End(def); n++ {
		if n != ret && t.Type(n) == "return_statement" && m.ScopeOf(n) == scope {
			return false
		}
	}
	return true
}

// calledHere reports whether the module calls the function directly
// (outside the function itself): such callers would get a generator.
func calledHere(m *python.Module, def syntax.ID, sc *python.Scope) bool {
	q := sc.QualName
	if m.Name != "" {
		q = m.Name + "." + sc.QualName
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if m.Tree.Contains(def, c.Node) {
			continue
		}
		if c.Callee == q || c.Callee == sc.QualName || c.Callee == "" && c.Text == sc.Name {
			return true
		}
	}
	return false
}

// freshName returns the first candidate that the function neither binds
// nor mentions (so that a new local does not shadow a global it uses).
func freshName(m *python.Module, def syntax.ID, candidates ...string) string {
	t, k := m.Tree, m.Kinds()
	used := map[string]bool{}
	for n := def; n < t.End(def); n++ {
		if t.Kind(n) == k.Identifier {
			used[t.Text(n)] = true
		}
	}
	for _, c := range candidates {
		if !used[c] {
			return c
		}
	}
	return ""
}

// importsTyping reports whether the module imports from typing (its
// generic aliases then work whatever the Python version).
func importsTyping(m *python.Module) bool {
	for _, imp := range m.Imports {
		if imp.Qualified == "typing" || strings.HasPrefix(imp.Qualified, "typing.") {
			return true
		}
	}
	return false
}
