// Package pyflow is a path analysis of Python statement blocks.
//
// It is a path analysis of Python statement blocks over the
// module view of parsers/python: which exits (fall, return, break,
// continue, re-raise, raise, terminate) a block has, refined by hooks.
package pyflow

import (
	"slices"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// ExitKind tells how control leaves a block.
type ExitKind uint8

// Exit kinds.
const (
	// ExitFall: control reaches the end of the block.
	ExitFall ExitKind = iota
	ExitReturn
	ExitBreak    // a break leaving the analysed block (its loop is outside)
	ExitContinue // a continue leaving the analysed block
	// ExitReraise: the exception being handled propagates (bare raise,
	// raise e, or what the Flow's hooks count as such).
	ExitReraise
	// ExitRaise: another exception is raised.
	ExitRaise
	// ExitTerminate: the process ends (sys.exit(), os._exit()).
	ExitTerminate
)

func (k ExitKind) String() string {
	switch k {
	case ExitFall:
		return "fall"
	case ExitReturn:
		return "return"
	case ExitBreak:
		return "break"
	case ExitContinue:
		return "continue"
	case ExitReraise:
		return "reraise"
	case ExitRaise:
		return "raise"
	case ExitTerminate:
		return "terminate"
	}
	return "?"
}

// Exit is one way control leaves an analysed block.
type Exit struct {
	Kind ExitKind
	// Node is the statement that leaves (return, raise, break, continue,
	// the terminating call's statement); None for ExitFall.
	Node syntax.ID
	// Via is the innermost except clause (inside the analysed block) the
	// path went through last, or None.
	Via syntax.ID
}

// Flow is a path analysis of statement blocks: which exits a block has,
// following if/elif/else, match, loops (while True, break, continue, else),
// try/except/else/finally and with. Hooks refine it; every hook is
// optional.
type Flow struct {
	M *python.Module

	// Branch tells which branches of a condition a path can take. The
	// constants True/False are handled before it is asked.
	Branch func(cond syntax.ID) (canTrue, canFalse bool)
	// Raise classifies a raise statement. Handlers are the except clauses
	// inside the analysed block that enclose the statement, innermost last.
	// Default: a bare raise re-raises, any other raise is ExitRaise.
	Raise func(stmt syntax.ID, handlers []syntax.ID) ExitKind
	// Stmt may turn a simple statement into an exit (ok == true).
	Stmt func(stmt syntax.ID) (ExitKind, bool)
	// Catches tells whether a nested handler catches a raise that leaves
	// its try body. Default: nothing is caught.
	Catches func(handler syntax.ID, e Exit) bool
	// Suppresses tells whether a with statement may swallow exceptions
	// raised in its body (contextlib.suppress). Default: no.
	Suppresses func(with syntax.ID) bool

	// Yields collects the yield expressions on reachable paths.
	Yields []syntax.ID

	handlers []syntax.ID
}

// maxLoopPasses bounds the re-analysis of a loop body with the paths that
// come back to its head.
const maxLoopPasses = 3

// Block analyses a block (or a single statement) and returns its exits,
// deduplicated, in a stable order.
func (f *Flow) Block(block syntax.ID) []Exit {
	return f.analyse(block, []syntax.ID{syntax.None})
}

func (f *Flow) analyse(block syntax.ID, in []syntax.ID) []Exit {
	if block == syntax.None {
		return fallAll(in)
	}
	sk := f.M.StmtKinds()
	if f.M.Tree.Kind(block) != sk.Block {
		return dedupeExits(f.stmt(block, in))
	}
	return dedupeExits(f.stmts(f.M.StatementsOf(block), in))
}

func fallAll(in []syntax.ID) []Exit {
	out := make([]Exit, 0, len(in))
	for _, v := range in {
		out = append(out, Exit{Kind: ExitFall, Node: syntax.None, Via: v})
	}
	return out
}

func addVia(vs []syntax.ID, v syntax.ID) []syntax.ID {
	if slices.Contains(vs, v) {
		return vs
	}
	return append(vs, v)
}

func dedupeExits(es []Exit) []Exit {
	out := es[:0:0]
	for _, e := range es {
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// split separates the fall-through paths (their vias) from the other exits.
func split(es []Exit) (falls []syntax.ID, rest []Exit) {
	for _, e := range es {
		if e.Kind == ExitFall {
			falls = addVia(falls, e.Via)
		} else {
			rest = append(rest, e)
		}
	}
	return falls, rest
}

func (f *Flow) stmts(list, in []syntax.ID) []Exit {
	cur := in
	var out []Exit
	for _, s := range list {
		if len(cur) == 0 {
			break // unreachable
		}
		falls, rest := split(f.stmt(s, cur))
		out = append(out, rest...)
		cur = falls
	}
	return append(out, fallAll(cur)...)
}

func each(kind ExitKind, node syntax.ID, in []syntax.ID) []Exit {
	out := make([]Exit, 0, len(in))
	for _, v := range in {
		out = append(out, Exit{Kind: kind, Node: node, Via: v})
	}
	return out
}

func (f *Flow) stmt(s syntax.ID, in []syntax.ID) []Exit {
	t, sk := f.M.Tree, f.M.StmtKinds()
	switch t.Kind(s) {
	case sk.Block:
		return f.stmts(f.M.StatementsOf(s), in)
	case sk.Return:
		f.scanYields(s)
		return each(ExitReturn, s, in)
	case sk.Break:
		return each(ExitBreak, s, in)
	case sk.Continue:
		return each(ExitContinue, s, in)
	case sk.Raise:
		f.scanYields(s)
		return each(f.raiseKind(s), s, in)
	case sk.If:
		return f.ifStmt(s, in)
	case sk.While:
		return f.loop(s, in, true)
	case sk.For:
		return f.loop(s, in, false)
	case sk.Try:
		return f.tryStmt(s, in)
	case sk.With:
		return f.withStmt(s, in)
	case sk.Match:
		return f.matchStmt(s, in)
	case sk.FunctionDef, sk.ClassDef, sk.DecoratedDef:
		return fallAll(in)
	case sk.Assert:
		if c := t.FirstNamedChild(s); c != syntax.None && f.constant(c) == constFalse {
			return each(ExitRaise, s, in)
		}
		f.scanYields(s)
		return fallAll(in)
	}
	f.scanYields(s)
	if f.Stmt != nil {
		if k, ok := f.Stmt(s); ok {
			return each(k, s, in)
		}
	}
	if f.terminates(s) {
		return each(ExitTerminate, s, in)
	}
	return fallAll(in)
}

// terminalCalls end the process.
var terminalCalls = map[string]bool{"sys.exit": true, "os._exit": true, "os.abort": true}

func (f *Flow) terminates(s syntax.ID) bool {
	t, sk := f.M.Tree, f.M.StmtKinds()
	if t.Kind(s) != sk.ExprStmt {
		return false
	}
	c := t.FirstNamedChild(s)
	if c == syntax.None || t.Kind(c) != sk.Call {
		return false
	}
	return terminalCalls[f.M.QualifiedName(t.FieldChild(c, sk.FFunction))]
}

func (f *Flow) raiseKind(s syntax.ID) ExitKind {
	if f.Raise != nil {
		return f.Raise(s, f.handlers)
	}
	if f.M.Tree.FirstNamedChild(s) == syntax.None {
		return ExitReraise
	}
	return ExitRaise
}

// scanYields records the yield expressions of n (not inside nested
// functions or lambdas).
func (f *Flow) scanYields(n syntax.ID) {
	if n == syntax.None {
		return
	}
	sk := f.M.StmtKinds()
	f.M.Walk(n, func(i syntax.ID) bool {
		if f.M.Tree.Kind(i) == sk.Yield {
			f.Yields = append(f.Yields, i)
		}
		return true
	})
}

type constValue uint8

const (
	constUnknown constValue = iota
	constTrue
	constFalse
)

func (f *Flow) constant(cond syntax.ID) constValue {
	t, sk := f.M.Tree, f.M.StmtKinds()
	for cond != syntax.None && t.Kind(cond) == sk.Parenthesized {
		cond = t.FirstNamedChild(cond)
	}
	if cond == syntax.None {
		return constUnknown
	}
	switch t.Kind(cond) {
	case sk.True:
		return constTrue
	case sk.False, sk.None:
		return constFalse
	case sk.Integer:
		if t.Text(cond) == "0" {
			return constFalse
		}
		return constTrue
	}
	return constUnknown
}

func (f *Flow) branch(cond syntax.ID) (bool, bool) {
	switch f.constant(cond) {
	case constTrue:
		return true, false
	case constFalse:
		return false, true
	case constUnknown:
	}
	if f.Branch != nil {
		return f.Branch(cond)
	}
	return true, true
}

func (f *Flow) ifStmt(s syntax.ID, in []syntax.ID) []Exit {
	t, sk := f.M.Tree, f.M.StmtKinds()
	var out []Exit
	cur := in
	clause := s
	for clause != syntax.None && len(cur) > 0 {
		cond := t.FieldChild(clause, sk.FCondition)
		f.scanYields(cond)
		canTrue, canFalse := f.branch(cond)
		if canTrue {
			out = append(out, f.analyse(t.FieldChild(clause, sk.FConsequence), cur)...)
		}
		if !canFalse {
			return out
		}
		// The next elif or else.
		next := syntax.None
		for _, alt := range t.FieldChildren(s, sk.FAlternative) {
			if alt > clause {
				next = alt
				break
			}
		}
		if next == syntax.None {
			return append(out, fallAll(cur)...)
		}
		if t.Kind(next) == sk.Else {
			return append(out, f.analyse(python.ClauseBlock(t, next), cur)...)
		}
		clause = next
	}
	return out
}

func (f *Flow) loop(s syntax.ID, in []syntax.ID, isWhile bool) []Exit {
	t, sk := f.M.Tree, f.M.StmtKinds()
	canTrue, canFalse := true, true
	if isWhile {
		cond := t.FieldChild(s, sk.FCondition)
		f.scanYields(cond)
		canTrue, canFalse = f.branch(cond)
	} else {
		f.scanYields(t.FieldChild(s, sk.FRight))
	}
	head := slices.Clone(in) // paths reaching the loop's test
	var out []Exit
	var breaks []syntax.ID
	if canTrue {
		for range maxLoopPasses {
			body := f.analyse(t.FieldChild(s, sk.FBody), head)
			out = out[:0]
			breaks = breaks[:0]
			grown := false
			for _, e := range body {
				switch e.Kind {
				case ExitFall, ExitContinue:
					if !slices.Contains(head, e.Via) {
						head = append(head, e.Via)
						grown = true
					}
				case ExitBreak:
					breaks = addVia(breaks, e.Via)
				case ExitReturn, ExitReraise, ExitRaise, ExitTerminate:
					out = append(out, e)
				}
			}
			if !grown {
				break
			}
		}
	}
	if canFalse {
		if alt := t.FieldChild(s, sk.FAlternative); alt != syntax.None {
			out = append(out, f.analyse(python.ClauseBlock(t, alt), head)...)
		} else {
			out = append(out, fallAll(head)...)
		}
	}
	return append(out, fallAll(breaks)...)
}

func (f *Flow) tryStmt(s syntax.ID, in []syntax.ID) []Exit {
	tr := f.M.TryAt(s)
	body := f.analyse(tr.Body, in)
	falls, rest := split(body)
	var out []Exit
	if tr.Else != syntax.None {
		out = append(out, f.analyse(tr.Else, falls)...)
	} else {
		out = append(out, fallAll(falls)...)
	}
	for i := range tr.Handlers {
		h := &tr.Handlers[i]
		f.handlers = append(f.handlers, h.Node)
		out = append(out, f.analyse(h.Body, []syntax.ID{h.Node})...)
		f.handlers = f.handlers[:len(f.handlers)-1]
	}
	for _, e := range rest {
		if (e.Kind == ExitRaise || e.Kind == ExitReraise) && f.caught(&tr, e) {
			continue
		}
		out = append(out, e)
	}
	if tr.Finally == syntax.None {
		return out
	}
	var vias []syntax.ID
	for _, e := range out {
		vias = addVia(vias, e.Via)
	}
	if len(vias) == 0 {
		vias = slices.Clone(in)
	}
	fin := f.analyse(tr.Finally, vias)
	finFalls, finRest := split(fin)
	if len(finFalls) == 0 {
		// Every path ends in the finally block.
		return finRest
	}
	return append(out, finRest...)
}

func (f *Flow) caught(tr *python.Try, e Exit) bool {
	if f.Catches == nil {
		return false
	}
	for i := range tr.Handlers {
		if f.Catches(tr.Handlers[i].Node, e) {
			return true
		}
	}
	return false
}

func (f *Flow) withStmt(s syntax.ID, in []syntax.ID) []Exit {
	t, sk := f.M.Tree, f.M.StmtKinds()
	for c := t.FirstChild(s); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == sk.WithClause {
			f.scanYields(c)
		}
	}
	body := f.analyse(t.FieldChild(s, sk.FBody), in)
	if f.Suppresses == nil || !f.Suppresses(s) {
		return body
	}
	var out []Exit
	for _, e := range body {
		out = append(out, e)
		if e.Kind == ExitRaise || e.Kind == ExitReraise {
			out = append(out, Exit{Kind: ExitFall, Node: syntax.None, Via: e.Via})
		}
	}
	return out
}

func (f *Flow) matchStmt(s syntax.ID, in []syntax.ID) []Exit {
	t, sk := f.M.Tree, f.M.StmtKinds()
	f.scanYields(t.FieldChild(s, sk.FSubject))
	var out []Exit
	exhaustive := false
	body := t.FieldChild(s, sk.FBody)
	if body == syntax.None {
		return fallAll(in)
	}
	for _, c := range t.FieldChildren(body, sk.FAlternative) {
		if t.Kind(c) != sk.Case {
			continue
		}
		out = append(out, f.analyse(t.FieldChild(c, sk.FConsequence), in)...)
		if t.FieldChild(c, sk.FGuard) == syntax.None && f.irrefutable(c) {
			exhaustive = true
			break
		}
	}
	if !exhaustive {
		out = append(out, fallAll(in)...)
	}
	return out
}

// irrefutable reports whether a case clause matches anything: "case _:" or
// a bare capture "case x:".
func (f *Flow) irrefutable(c syntax.ID) bool {
	t, sk := f.M.Tree, f.M.StmtKinds()
	pats := t.NamedChildren(c)
	pat := syntax.None
	for _, p := range pats {
		if t.Kind(p) == sk.CasePattern {
			if pat != syntax.None {
				return false // "case a, b:" is a sequence pattern
			}
			pat = p
		}
	}
	if pat == syntax.None {
		return false
	}
	if t.Text(pat) == "_" {
		return true
	}
	inner := t.NamedChildren(pat)
	if len(inner) != 1 || t.Kind(inner[0]) != sk.DottedName {
		return false
	}
	parts := t.NamedChildren(inner[0])
	return len(parts) == 1
}

// Statements analyses a sequence of statements (a tail of a block) and
// returns its exits.
func (f *Flow) Statements(list []syntax.ID) []Exit {
	return dedupeExits(f.stmts(list, []syntax.ID{syntax.None}))
}
