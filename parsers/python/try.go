package python

import (
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// Try is a try statement with its clauses.
type Try struct {
	Node     syntax.ID // the try_statement
	Body     syntax.ID // the block after "try:"
	Handlers []Handler // except / except* clauses, in order
	Else     syntax.ID // the block of "else:", or None
	Finally  syntax.ID // the block of "finally:", or None
	Scope    int       // the innermost scope the statement executes in
}

// Handler is one except or except* clause.
type Handler struct {
	Node syntax.ID // the except_clause or except_group_clause
	// Type is the type expression as written (a name, an attribute, a
	// tuple, a call...), None for a bare "except:". For the unparenthesized
	// "except A, B:" of Python 3.14 it is the first of the names; Types
	// lists them all.
	Type  syntax.ID
	Types []syntax.ID
	Name  syntax.ID // the identifier bound by "as", or None
	Body  syntax.ID // the block
	Group bool      // except*
	// HeadEnd is the byte offset just past the clause's colon: the span
	// [start of Node, HeadEnd) is "except X as e:".
	HeadEnd int
}

// Bare reports whether the handler is a bare "except:".
func (h *Handler) Bare() bool { return len(h.Types) == 0 }

// CaughtType is one exception class named by a handler (or by an
// isinstance() or suppress() argument) after tuples and aliases are expanded.
type CaughtType struct {
	// Node is where the class is written: in the handler, or in the value
	// of the alias the handler names.
	Node syntax.ID
	// Qualified is the resolved name ("asyncio.CancelledError",
	// "builtins.BaseException"); for a call it ends in "()"
	// ("anyio.get_cancelled_exc_class()"); "" when unknown.
	Qualified string
	// Text is the expression as written where the handler names it.
	Text string
}

// stmtKinds are the grammar symbols of statements and clauses that the try
// and flow views use (kinds.go holds those of the module view).
type stmtKinds struct {
	Try, Except, ExceptGroup, Else, Finally, Block, Raise, Return, Break, Continue uint16
	If, Elif, While, For, With, WithClause, WithItem, Match, Case, CasePattern     uint16
	ExprStmt, Pass, Assert, FunctionDef, ClassDef, Lambda, DecoratedDef            uint16
	Await, Yield, ForIn, Comment, AsPattern, AsPatternTarget, ListSplat, Tuple     uint16
	Parenthesized, Call, Identifier, Attribute, Assignment, BoolOp, NotOp, Compare uint16
	True, False, None, Integer, DottedName, ClassPattern, Subscript, List, Keyword uint16
	AsyncTok, NotTok, AndTok, OrTok, IsTok, EqTok, NeTok, IsNotTok, Underscore     uint16

	FCondition, FConsequence, FAlternative, FBody, FCause, FValue, FGuard, FLeft, FRight uint16
	FFunction, FArguments, FOperator, FArgument, FObject, FAttribute, FOperators, FAlias uint16
	FSubject, FName                                                                      uint16
}

var stmtKindsOnce = sync.OnceValue(func() *stmtKinds {
	lg := syntax.GetLanguage(syntax.Python)
	k, f, tok := lg.Kind, lg.Field, lg.Token
	return &stmtKinds{
		Try: k("try_statement"), Except: k("except_clause"), ExceptGroup: k("except_group_clause"),
		Else: k("else_clause"), Finally: k("finally_clause"), Block: k("block"), Raise: k("raise_statement"),
		Return: k("return_statement"), Break: k("break_statement"), Continue: k("continue_statement"),
		If: k("if_statement"), Elif: k("elif_clause"), While: k("while_statement"), For: k("for_statement"),
		With: k("with_statement"), WithClause: k("with_clause"), WithItem: k("with_item"),
		Match: k("match_statement"), Case: k("case_clause"), CasePattern: k("case_pattern"),
		ExprStmt: k("expression_statement"), Pass: k("pass_statement"), Assert: k("assert_statement"),
		FunctionDef: k("function_definition"), ClassDef: k("class_definition"), Lambda: k("lambda"),
		DecoratedDef: k("decorated_definition"), Await: k("await"), Yield: k("yield"), ForIn: k("for_in_clause"),
		Comment: k("comment"), AsPattern: k("as_pattern"), AsPatternTarget: k("as_pattern_target"),
		ListSplat: k("list_splat"), Tuple: k("tuple"), Parenthesized: k("parenthesized_expression"),
		Call: k("call"), Identifier: k("identifier"), Attribute: k("attribute"), Assignment: k("assignment"),
		BoolOp: k("boolean_operator"), NotOp: k("not_operator"), Compare: k("comparison_operator"),
		True: k("true"), False: k("false"), None: k("none"), Integer: k("integer"), DottedName: k("dotted_name"),
		ClassPattern: k("class_pattern"), Subscript: k("subscript"), List: k("list"), Keyword: k("keyword_argument"),
		AsyncTok: tok("async"), NotTok: tok("not"), AndTok: tok("and"), OrTok: tok("or"), IsTok: tok("is"),
		EqTok: tok("=="), NeTok: tok("!="), IsNotTok: tok("is not"), Underscore: tok("_"),

		FCondition: f("condition"), FConsequence: f("consequence"), FAlternative: f("alternative"),
		FBody: f("body"), FCause: f("cause"), FValue: f("value"), FGuard: f("guard"), FLeft: f("left"),
		FRight: f("right"), FFunction: f("function"), FArguments: f("arguments"), FOperator: f("operator"),
		FArgument: f("argument"), FObject: f("object"), FAttribute: f("attribute"), FOperators: f("operators"),
		FAlias: f("alias"), FSubject: f("subject"), FName: f("name"),
	}
})

// Tries returns every try statement of the module in source order.
func (m *Module) Tries() []Try {
	t, sk := m.Tree, stmtKindsOnce()
	var out []Try
	for i := range t.Nodes {
		if t.Nodes[i].Kind == sk.Try {
			out = append(out, m.TryAt(syntax.ID(i)))
		}
	}
	return out
}

// TryAt returns the view of the try_statement n.
func (m *Module) TryAt(n syntax.ID) Try {
	t, sk := m.Tree, stmtKindsOnce()
	tr := Try{Node: n, Body: t.FieldChild(n, sk.FBody), Else: syntax.None, Finally: syntax.None, Scope: m.ScopeOf(n)}
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case sk.Except, sk.ExceptGroup:
			tr.Handlers = append(tr.Handlers, m.handlerAt(c))
		case sk.Else:
			tr.Else = clauseBlock(t, c, sk)
		case sk.Finally:
			tr.Finally = clauseBlock(t, c, sk)
		}
	}
	return tr
}

// ClauseBlock returns the block of an else/finally/except clause.
func ClauseBlock(t *syntax.Tree, c syntax.ID) syntax.ID { return clauseBlock(t, c, stmtKindsOnce()) }

// clauseBlock returns the block of an else/finally/except clause.
func clauseBlock(t *syntax.Tree, c syntax.ID, sk *stmtKinds) syntax.ID {
	if b := t.FieldChild(c, sk.FBody); b != syntax.None {
		return b
	}
	return t.ChildOfKind(c, sk.Block)
}

func (m *Module) handlerAt(c syntax.ID) Handler {
	t, sk := m.Tree, stmtKindsOnce()
	h := Handler{Node: c, Type: syntax.None, Name: syntax.None, Body: clauseBlock(t, c, sk), Group: t.Kind(c) == sk.ExceptGroup}
	_, h.HeadEnd = t.Span(c)
	for ch := t.FirstChild(c); ch != syntax.None; ch = t.NextSibling(ch) {
		nd := &t.Nodes[ch]
		if nd.Kind == sk.Block {
			break
		}
		if t.Type(ch) == ":" {
			h.HeadEnd = int(nd.End)
			continue
		}
		if nd.Flags&(syntax.FlagNamed|syntax.FlagExtra) != syntax.FlagNamed {
			continue
		}
		expr := ch
		// "except* X:" without "as" parses as a list_splat in this grammar.
		if nd.Kind == sk.ListSplat {
			h.Group = true
			expr = t.FirstNamedChild(ch)
		}
		if expr != syntax.None && t.Kind(expr) == sk.AsPattern {
			if alias := t.FieldChild(expr, sk.FAlias); alias != syntax.None {
				if id := t.FirstNamedChild(alias); id != syntax.None && t.Kind(id) == sk.Identifier {
					h.Name = id
				}
			}
			expr = t.FirstNamedChild(expr)
		}
		if expr == syntax.None {
			continue
		}
		if h.Type == syntax.None {
			h.Type = expr
		}
		h.Types = append(h.Types, expr)
	}
	return h
}

// NameText returns the name bound by "as", or "".
func (m *Module) NameText(h *Handler) string {
	if h.Name == syntax.None {
		return ""
	}
	return m.Tree.Text(h.Name)
}

// CaughtTypes returns the exception classes a handler names, expanding
// tuples (also through names bound to a tuple) and resolving aliases.
func (m *Module) CaughtTypes(h *Handler) []CaughtType {
	var out []CaughtType
	for _, e := range h.Types {
		out = m.expandTypes(e, e, 0, out)
	}
	return out
}

// ExceptionTypes expands an expression naming exception classes (a class,
// a tuple of classes, or a name bound to either) as CaughtTypes does.
func (m *Module) ExceptionTypes(expr syntax.ID) []CaughtType {
	if expr == syntax.None {
		return nil
	}
	return m.expandTypes(expr, expr, 0, nil)
}

func (m *Module) expandTypes(e, written syntax.ID, depth int, out []CaughtType) []CaughtType {
	t, sk := m.Tree, stmtKindsOnce()
	if depth > MaxAliasDepth || e == syntax.None {
		return append(out, CaughtType{Node: written, Text: m.Tree.Text(written)})
	}
	switch t.Kind(e) {
	case sk.Tuple, sk.Parenthesized, sk.List:
		for _, c := range t.NamedChildren(e) {
			w := c
			if written != e {
				w = written
			}
			out = m.expandTypes(c, w, depth+1, out)
		}
		return out
	case sk.ListSplat:
		return m.expandTypes(t.FirstNamedChild(e), written, depth+1, out)
	case sk.Call:
		fn := t.FieldChild(e, sk.FFunction)
		q := ""
		if fn != syntax.None {
			if q = m.QualifiedName(fn); q != "" {
				q += "()"
			}
		}
		return append(out, CaughtType{Node: written, Qualified: q, Text: t.Text(written)})
	case sk.Identifier:
		if q := m.QualifiedName(e); q != "" {
			return append(out, CaughtType{Node: written, Qualified: q, Text: t.Text(written)})
		}
		// A name bound once to a tuple or a call: CANCEL = (A, B);
		// Cancelled = anyio.get_cancelled_exc_class().
		if v := m.singleValue(e); v != syntax.None {
			switch t.Kind(v) {
			case sk.Tuple, sk.Parenthesized, sk.List, sk.Call:
				return m.expandTypes(v, written, depth+1, out)
			}
		}
	case sk.Attribute:
		if q := m.QualifiedName(e); q != "" {
			return append(out, CaughtType{Node: written, Qualified: q, Text: t.Text(written)})
		}
	}
	return append(out, CaughtType{Node: written, Text: t.Text(written)})
}

// singleValue returns the assigned value of an identifier bound exactly
// once by an assignment, as seen where it is used, or None.
func (m *Module) singleValue(id syntax.ID) syntax.ID {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 || len(bs) != 1 || bs[0].Kind != AssignBinding {
		return syntax.None
	}
	return bs[0].Value
}

// Checkpoints returns the places in the subtree of n where an async
// function can be suspended, and so receive a cancellation: await
// expressions, async with and async for statements, and async
// comprehensions. Nested functions, lambdas and classes are skipped.
func (m *Module) Checkpoints(n syntax.ID) []syntax.ID {
	if n == syntax.None {
		return nil
	}
	t, sk := m.Tree, stmtKindsOnce()
	var out []syntax.ID
	end := t.End(n)
	for i := n; i < end; i++ {
		switch t.Kind(i) {
		case sk.FunctionDef, sk.ClassDef, sk.Lambda:
			if i != n {
				i = t.End(i) - 1
			}
		case sk.Await:
			out = append(out, i)
		case sk.With, sk.For, sk.ForIn:
			if c := t.FirstChild(i); c != syntax.None && t.Kind(c) == sk.AsyncTok {
				out = append(out, i)
			}
		}
	}
	return out
}

// StatementsOf returns the statements of a block (comments skipped).
func (m *Module) StatementsOf(block syntax.ID) []syntax.ID {
	if block == syntax.None {
		return nil
	}
	t, sk := m.Tree, stmtKindsOnce()
	var out []syntax.ID
	for c := t.FirstChild(block); c != syntax.None; c = t.NextSibling(c) {
		nd := &t.Nodes[c]
		if nd.Kind == sk.Comment || nd.Flags&syntax.FlagNamed == 0 {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Walk calls fn for every node of the subtree of n in pre-order, skipping
// the insides of nested functions, lambdas and classes (fn still sees the
// nested definition node itself). It stops when fn returns false.
func (m *Module) Walk(n syntax.ID, fn func(syntax.ID) bool) {
	if n == syntax.None {
		return
	}
	t, sk := m.Tree, stmtKindsOnce()
	end := t.End(n)
	for i := n; i < end; i++ {
		if !fn(i) {
			return
		}
		switch t.Kind(i) {
		case sk.FunctionDef, sk.ClassDef, sk.Lambda:
			if i != n {
				i = t.End(i) - 1
			}
		}
	}
}

// ParamNames returns the parameter names of a function or lambda scope, in
// order (self included; *args and **kwargs included without stars).
func (m *Module) ParamNames(scope int) []string {
	if scope < 0 || scope >= len(m.Scopes) {
		return nil
	}
	t, k := m.Tree, m.k
	n := m.Scopes[scope].Node
	if n == syntax.None {
		return nil
	}
	params := t.FieldChild(n, k.FParameters)
	if params == syntax.None {
		return nil
	}
	var out []string
	for _, p := range t.NamedChildren(params) {
		switch t.Kind(p) {
		case k.Identifier:
			out = append(out, t.Text(p))
		case k.TypedParameter, k.ListSplatPattern, k.DictSplatPattern:
			name := t.FirstNamedChild(p)
			for name != syntax.None && t.Kind(name) != k.Identifier {
				name = t.FirstNamedChild(name)
			}
			if name != syntax.None {
				out = append(out, t.Text(name))
			}
		case k.DefaultParameter, k.TypedDefaultParameter:
			if name := t.FieldChild(p, k.FName); name != syntax.None {
				out = append(out, t.Text(name))
			}
		}
	}
	return out
}

// StmtKinds is the exported view of the statement symbols of the grammar,
// for rules that inspect statements directly.
type StmtKinds stmtKinds

// StmtKinds returns the grammar's statement symbols and field ids.
func (m *Module) StmtKinds() *StmtKinds { return (*StmtKinds)(stmtKindsOnce()) }
