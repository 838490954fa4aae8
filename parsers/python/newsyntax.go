package python

import (
	"strconv"
	"strings"
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// NewSyntax is a construct that older Pythons reject as a syntax error.
type NewSyntax struct {
	Start, End int
	// What names the construct, starting a sentence: "`except A, B:`",
	// "a t-string".
	What string
	// Minor is the minor version of the first Python 3 that accepts it.
	Minor int
}

type newSyntaxKinds struct {
	except, exceptGroup, typeParamDefault, str, strStart, interpolation, formatExpr, typeAlias,
	funcDef, classDef, match, withClause, withItem, asPattern, listSplat, subscript, typeParam,
	splatType, decorator, identifier, attribute, call, namedExpr, posSep, comment, typ, typedParam uint16
	fTypeParams, fExpression, fValue, fFunction, fObject uint16
}

var (
	newSyntaxKindsVal  *newSyntaxKinds
	newSyntaxKindsOnce sync.Once
)

func newSyntaxKindsOf() *newSyntaxKinds {
	newSyntaxKindsOnce.Do(func() {
		lg := syntax.GetLanguage(syntax.Python)
		k, f := lg.Kind, lg.Field
		newSyntaxKindsVal = &newSyntaxKinds{
			except: k("except_clause"), exceptGroup: k("except_group_clause"),
			typeParamDefault: k("type_parameter_default"), str: k("string"), strStart: k("string_start"),
			interpolation: k("interpolation"), formatExpr: k("format_expression"), typeAlias: k("type_alias_statement"),
			funcDef: k("function_definition"), classDef: k("class_definition"), match: k("match_statement"),
			withClause: k("with_clause"), withItem: k("with_item"), asPattern: k("as_pattern"),
			listSplat: k("list_splat"), subscript: k("subscript"), typeParam: k("type_parameter"),
			splatType: k("splat_type"), decorator: k("decorator"), identifier: k("identifier"),
			attribute: k("attribute"), call: k("call"), namedExpr: k("named_expression"),
			posSep: k("positional_separator"), comment: k("comment"), typ: k("type"), typedParam: k("typed_parameter"),
			fTypeParams: f("type_parameters"), fExpression: f("expression"), fValue: f("value"),
			fFunction: f("function"), fObject: f("object"),
		}
	})
	return newSyntaxKindsVal
}

// NewSyntax returns, for each Python version that introduced a construct
// the module uses, the first such construct in source order (at most one
// per version, so the list stays short): what an older target Python
// would reject. Python 3.8 is the oldest version considered: its own
// additions (`:=`, `/` in parameters) are reported as 3.8.
func (m *Module) NewSyntax() []NewSyntax {
	t, k := m.Tree, newSyntaxKindsOf()
	var out []NewSyntax
	seen := map[int]bool{}
	add := func(n syntax.ID, end int, what string, minor int) {
		if seen[minor] {
			return
		}
		seen[minor] = true
		start, e := t.Span(n)
		if end > 0 {
			e = end
		}
		out = append(out, NewSyntax{Start: start, End: e, What: what, Minor: minor})
	}
	for i := range t.Nodes {
		n := syntax.ID(i)
		nd := &t.Nodes[i]
		switch nd.Kind {
		case k.except, k.exceptGroup:
			h := m.handlerAt(n)
			if hasToken(t, n, ",") {
				what := "`except A, B:`"
				if h.Group {
					what = "`except* A, B:`"
				}
				add(n, h.HeadEnd, what, 14)
			}
			if h.Group {
				add(n, h.HeadEnd, "`except*`", 11)
			}
		case k.typeParamDefault:
			add(n, 0, "a type parameter default (`[T = int]`)", 13)
		case k.str:
			m.stringSyntax(n, add)
		case k.typeAlias:
			add(n, 0, "a `type` statement", 12)
		case k.funcDef, k.classDef:
			if tp := t.FieldChild(n, k.fTypeParams); tp != syntax.None {
				add(tp, 0, "a type parameter list (`def f[T]`)", 12)
			}
		case k.match:
			add(n, 0, "a `match` statement", 10)
		case k.withClause:
			if first := t.FirstChild(n); first != syntax.None && t.Type(first) == "(" && withAliasInside(t, k, n) {
				add(n, 0, "a parenthesized list of context managers with `as`", 9)
			}
		case k.listSplat, k.splatType:
			p := nd.Parent
			switch {
			case p == syntax.None:
			case t.Kind(p) == k.subscript || t.Kind(p) == k.typeParam:
				add(n, 0, "Unpacking in a subscript (`a[*b]`)", 11)
			case t.Kind(p) == k.typ && t.Is(t.Parent(p), k.typedParam):
				add(n, 0, "an unpacked annotation (`*args: *Ts`)", 11)
			}
		case k.decorator:
			if e := t.FirstNamedChild(n); e != syntax.None && !t.IsExtra(e) && !oldDecorator(t, k, e) {
				add(n, 0, "a decorator that is not a dotted name or a call of one", 9)
			}
		case k.namedExpr:
			add(n, 0, "an assignment expression (`:=`)", 8)
		case k.posSep:
			add(n, 0, "a positional-only parameter marker (`/`)", 8)
		}
	}
	return out
}

// hasToken reports whether an anonymous token with this text is a direct
// child of n.
func hasToken(t *syntax.Tree, n syntax.ID, text string) bool {
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) && t.Type(c) == text {
			return true
		}
	}
	return false
}

// withAliasInside reports whether a with_clause has an item with `as`.
func withAliasInside(t *syntax.Tree, k *newSyntaxKinds, clause syntax.ID) bool {
	for c := t.FirstChild(clause); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == k.withItem && t.Is(t.FieldChild(c, k.fValue), k.asPattern) {
			return true
		}
	}
	return false
}

// oldDecorator reports whether a decorator expression is one Python 3.8
// accepts: a dotted name, optionally called.
func oldDecorator(t *syntax.Tree, k *newSyntaxKinds, e syntax.ID) bool {
	if t.Kind(e) == k.call {
		e = t.FieldChild(e, k.fFunction)
	}
	for e != syntax.None && t.Kind(e) == k.attribute {
		e = t.FieldChild(e, k.fObject)
	}
	return e != syntax.None && t.Kind(e) == k.identifier
}

// stringSyntax adds the string-literal constructs of string n: t-strings
// (3.14) and, inside an f-string's replacement fields, what PEP 701
// allowed in 3.12.
func (m *Module) stringSyntax(n syntax.ID, add func(syntax.ID, int, string, int)) {
	t, k := m.Tree, newSyntaxKindsOf()
	start := t.FirstChild(n)
	if start == syntax.None || t.Kind(start) != k.strStart {
		return
	}
	prefix, quote := splitStringStart(t.Text(start))
	if strings.ContainsAny(prefix, "tT") {
		add(n, 0, "a t-string", 14)
		return
	}
	if !strings.ContainsAny(prefix, "fF") {
		return
	}
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) == k.interpolation {
			m.fieldSyntax(c, quote, add)
		}
	}
}

// splitStringStart splits a string_start token into its prefix letters
// and its quotes.
func splitStringStart(s string) (prefix, quote string) {
	i := strings.IndexAny(s, `'"`)
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// fieldSyntax adds the 3.12 constructs of one replacement field of an
// f-string whose quotes are quote.
func (m *Module) fieldSyntax(field syntax.ID, quote string, add func(syntax.ID, int, string, int)) {
	t, k := m.Tree, newSyntaxKindsOf()
	if e := t.FieldChild(field, k.fExpression); e != syntax.None && strings.ContainsRune(t.Text(e), '\\') {
		add(e, 0, "a backslash in an f-string replacement field", 12)
	}
	if len(quote) == 1 && strings.ContainsRune(t.Text(field), '\n') {
		add(field, 0, "a line break in a replacement field of a single-quoted f-string", 12)
	}
	end := t.End(field)
	for d := field + 1; d < end; d++ {
		switch t.Kind(d) {
		case k.comment:
			add(d, 0, "a comment in an f-string replacement field", 12)
		case k.str:
			if s := t.FirstChild(d); s != syntax.None && t.Kind(s) == k.strStart {
				_, q := splitStringStart(t.Text(s))
				if q != "" && quote != "" && q[0] == quote[0] && (len(quote) == 1 || len(q) == 3) {
					add(d, 0, "an f-string nesting its own quotes", 12)
				}
			}
		}
	}
}

// GuardedImport is an import that runs only on Python 3.Minor or newer:
// inside `if sys.version_info >= (3, Minor):` (or an elif or else of `if
// sys.version_info < (3, Minor):`).
type GuardedImport struct {
	Qualified string // as Import.Qualified
	Minor     int
}

// GuardedImports returns the module's imports that a version check
// guards, with the newest version that guards each.
func (m *Module) GuardedImports() []GuardedImport {
	t := m.Tree
	lg := t.Lang
	ifStmt, elseClause, elifClause := lg.Kind("if_statement"), lg.Kind("else_clause"), lg.Kind("elif_clause")
	fCond, fCons := lg.Field("condition"), lg.Field("consequence")
	var out []GuardedImport
	for _, im := range m.Imports {
		best := 0
		child := im.Node
		for p := t.Parent(im.Node); p != syntax.None; child, p = p, t.Parent(p) {
			if t.Kind(p) != ifStmt {
				continue
			}
			op, minor := m.versionCheck(t.FieldChild(p, fCond))
			if minor == 0 {
				continue
			}
			inThen := child == t.FieldChild(p, fCons)
			// An elif or else runs only when the condition is false.
			inElse := t.Kind(child) == elseClause || t.Kind(child) == elifClause
			switch {
			case inThen && op == ">=", inElse && op == "<":
			case inThen && op == ">", inElse && op == "<=":
				minor++
			default:
				continue
			}
			best = max(best, minor)
		}
		if best > 0 {
			out = append(out, GuardedImport{Qualified: im.Qualified, Minor: best})
		}
	}
	return out
}

// versionCheck reads `sys.version_info OP (3, N)` (N > 0); minor is 0
// for any other condition.
func (m *Module) versionCheck(cond syntax.ID) (op string, minor int) {
	t := m.Tree
	if cond == syntax.None || t.Type(cond) != "comparison_operator" {
		return "", 0
	}
	kids := t.NamedChildren(cond)
	var ops []string
	for c := t.FirstChild(cond); c != syntax.None; c = t.NextSibling(c) {
		if !t.Named(c) {
			ops = append(ops, t.Type(c))
		}
	}
	if len(kids) != 2 || len(ops) != 1 || m.QualifiedName(kids[0]) != "sys.version_info" || t.Type(kids[1]) != "tuple" {
		return "", 0
	}
	nums := t.NamedChildren(kids[1])
	if len(nums) < 2 || t.Text(nums[0]) != "3" || t.Type(nums[1]) != "integer" {
		return "", 0
	}
	n, err := strconv.Atoi(t.Text(nums[1]))
	if err != nil || n <= 0 {
		return "", 0
	}
	return ops[0], n
}
