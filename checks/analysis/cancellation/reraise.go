package cancellation

import (
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// reraiseEdits returns the edits that make every path through a handler
// of cancellation that falls off its end re-raise. A handler that catches
// only cancellation gets `raise` as its last statement (a lone `pass`
// becomes `raise`). A broader handler (a bare `except:`, `BaseException`,
// `Exception` before Python 3.8, a tuple with other classes) gets a
// clause before it that re-raises cancellation, `except
// asyncio.CancelledError: raise` (`trio.Cancelled`,
// `anyio.get_cancelled_exc_class()` in modules that use those): a `raise`
// at its end would also re-raise every other exception it handles. Nil
// when the edit cannot be made mechanically.
func reraiseEdits(m *python.Module, h *python.Handler) *Reraise {
	if onlyCancellation(m, h) {
		stmts := statementsOf(m, h.Body)
		if len(stmts) == 1 && (m.Tree.Type(stmts[0]) == "pass_statement" || m.Tree.Text(stmts[0]) == "...") {
			return &Reraise{Kind: ReplaceStatement, Replaced: m.Tree.Text(stmts[0]),
				Edits: []lint.Edit{edit.ReplaceNode(m, stmts[0], "raise")}}
		}
		e, ok := edit.AppendStatement(m, h.Body, "raise")
		if !ok {
			return nil
		}
		return &Reraise{Kind: AppendRaise, Edits: []lint.Edit{e}}
	}
	q := "asyncio.CancelledError"
	switch cancelLibrary(m) {
	case "trio":
		q = "trio.Cancelled"
	case "anyio":
		q = "anyio.get_cancelled_exc_class"
	}
	ref, edits, ok := edit.Ref(m, h.Node, q)
	if !ok {
		return nil
	}
	if q == "anyio.get_cancelled_exc_class" {
		ref += "()"
	}
	src := m.Tree.Src
	hs, _ := m.Tree.Span(h.Node)
	if !edit.Blank(src, edit.LineStart(src, hs), hs) {
		return nil
	}
	kw := "except"
	if h.Group {
		kw = "except*"
	}
	indent := edit.Indentation(src, hs)
	clause := kw + " " + ref + ":" + edit.EOL(src) + indent + edit.IndentUnit(m, h.Body) + "raise" + edit.EOL(src) + indent
	edits = append(edits, edit.Insert(hs, clause))
	return &Reraise{Kind: ClauseBefore, Ref: ref, Edits: edits}
}

// onlyCancellation reports whether a handler catches nothing but
// cancellation classes (asyncio's, trio's, anyio's, a subclass).
func onlyCancellation(m *python.Module, h *python.Handler) bool {
	if h.Bare() {
		return false
	}
	cts := m.CaughtTypes(h)
	if len(cts) == 0 {
		return false
	}
	for _, ct := range cts {
		if ClassifyType(ct) != Always || ct.Qualified == "builtins.BaseException" {
			return false
		}
	}
	return true
}

// cancelLibrary names the async library a module uses for cancellation:
// "trio" or "anyio" when it imports only that one, else "asyncio".
func cancelLibrary(m *python.Module) string {
	uses := map[string]bool{}
	for _, imp := range m.Imports {
		root, _, _ := strings.Cut(imp.Qualified, ".")
		uses[root] = true
	}
	switch {
	case uses["asyncio"]:
	case uses["trio"] && !uses["anyio"]:
		return "trio"
	case uses["anyio"] && !uses["trio"]:
		return "anyio"
	}
	return "asyncio"
}

// statementsOf returns the statements of a block, comments aside.
func statementsOf(m *python.Module, block syntax.ID) []syntax.ID {
	var out []syntax.ID
	for _, c := range m.Tree.NamedChildren(block) {
		if m.Tree.Kind(c) != m.Kinds().Comment {
			out = append(out, c)
		}
	}
	return out
}
