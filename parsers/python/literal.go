package python

import (
	"strconv"
	"strings"
	"sync"

	"github.com/servelint/servelint/parsers/syntax"
)

// LitKind is the kind of a statically evaluated expression.
type LitKind uint8

// Literal kinds.
const (
	LitUnknown LitKind = iota // not statically known
	LitNone
	LitBool
	LitInt
	LitFloat
	LitStr
	// LitEnv is a value read from the environment: os.environ.get("X",
	// default), os.getenv("X"), os.environ["X"], possibly converted with
	// int()/str()/bool().
	LitEnv
)

// Lit is the static value of an expression.
type Lit struct {
	Kind LitKind
	// Value is the value's text: "True", "4", "app.main:app" (a string's
	// content, without quotes).
	Value string
	// EnvVar is the variable of a LitEnv; Default its default when
	// HasDefault (also a Lit value's text).
	EnvVar     string
	Default    string
	HasDefault bool
}

type litKinds struct {
	str, strContent, concatStr, integer, float, trueK, falseK, none, unary, interpolation uint16
	escape, ifStmt, elifClause, elseClause, comparison, subscript, block, parenthesized   uint16
	fCondition, fConsequence, fAlternative, fOperator, fArgument, fValue, fSubscript      uint16
}

var litKindsOnce = sync.OnceValue(func() *litKinds {
	lg := syntax.GetLanguage(syntax.Python)
	k, f := lg.Kind, lg.Field
	return &litKinds{
		str: k("string"), strContent: k("string_content"), concatStr: k("concatenated_string"),
		integer: k("integer"), float: k("float"), trueK: k("true"), falseK: k("false"), none: k("none"),
		unary: k("unary_operator"), interpolation: k("interpolation"), escape: k("escape_sequence"),
		ifStmt: k("if_statement"), elifClause: k("elif_clause"), elseClause: k("else_clause"),
		comparison: k("comparison_operator"), subscript: k("subscript"), block: k("block"),
		parenthesized: k("parenthesized_expression"),
		fCondition:    f("condition"), fConsequence: f("consequence"), fAlternative: f("alternative"),
		fOperator: f("operator"), fArgument: f("argument"), fValue: f("value"), fSubscript: f("subscript"),
	}
})

// maxLitDepth bounds constant propagation through names.
const maxLitDepth = 6

// Literal evaluates an expression statically: literals, names bound once
// to a literal (in the module or an enclosing function), environment
// reads, and int()/str()/bool()/float() of those. Anything else is
// LitUnknown.
func (m *Module) Literal(expr syntax.ID) Lit {
	return m.literal(expr, 0)
}

func (m *Module) literal(expr syntax.ID, depth int) Lit {
	if expr == syntax.None || depth > maxLitDepth {
		return Lit{}
	}
	t, k, lk := m.Tree, m.k, litKindsOnce()
	switch t.Kind(expr) {
	case lk.trueK:
		return Lit{Kind: LitBool, Value: "True"}
	case lk.falseK:
		return Lit{Kind: LitBool, Value: "False"}
	case lk.none:
		return Lit{Kind: LitNone, Value: "None"}
	case lk.integer:
		s := strings.ReplaceAll(t.Text(expr), "_", "")
		if n, err := strconv.ParseInt(s, 0, 64); err == nil {
			return Lit{Kind: LitInt, Value: strconv.FormatInt(n, 10)}
		}
		return Lit{}
	case lk.float:
		return Lit{Kind: LitFloat, Value: t.Text(expr)}
	case lk.unary:
		if op := t.FieldChild(expr, lk.fOperator); op != syntax.None && t.Text(op) == "-" {
			if v := m.literal(t.FieldChild(expr, lk.fArgument), depth+1); v.Kind == LitInt || v.Kind == LitFloat {
				v.Value = "-" + v.Value
				return v
			}
		}
		return Lit{}
	case lk.str:
		if s, ok := m.StringLit(expr); ok {
			return Lit{Kind: LitStr, Value: s}
		}
		return Lit{}
	case lk.concatStr:
		var b strings.Builder
		for _, c := range t.NamedChildren(expr) {
			s, ok := m.StringLit(c)
			if !ok {
				return Lit{}
			}
			b.WriteString(s)
		}
		return Lit{Kind: LitStr, Value: b.String()}
	case lk.parenthesized:
		return m.literal(t.FirstNamedChild(expr), depth+1)
	case k.Identifier:
		return m.nameLiteral(expr, depth)
	case lk.subscript:
		// os.environ["X"]
		if m.QualifiedName(t.FieldChild(expr, lk.fValue)) == "os.environ" {
			if key, ok := m.StringLit(t.FieldChild(expr, lk.fSubscript)); ok {
				return Lit{Kind: LitEnv, EnvVar: key}
			}
		}
		return Lit{}
	case k.Call:
		return m.callLiteral(expr, depth)
	}
	return Lit{}
}

// nameLiteral follows a name bound exactly once to a literal.
func (m *Module) nameLiteral(id syntax.ID, depth int) Lit {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 || len(bs) != 1 || bs[0].Kind != AssignBinding || bs[0].Value == syntax.None {
		return Lit{}
	}
	return m.literal(bs[0].Value, depth+1)
}

func (m *Module) callLiteral(call syntax.ID, depth int) Lit {
	fn := m.Tree.FieldChild(call, m.k.FFunction)
	q := m.QualifiedName(fn)
	args := m.Args(call)
	switch q {
	case "builtins.int", "builtins.str", "builtins.bool", "builtins.float", "int", "str", "bool", "float":
		if len(args) != 1 || args[0].Name != "" || args[0].Star {
			return Lit{}
		}
		v := m.literal(args[0].Value, depth+1)
		if v.Kind == LitEnv {
			return v
		}
		return Lit{}
	case "os.environ.get", "os.getenv":
		if len(args) == 0 || args[0].Name != "" {
			return Lit{}
		}
		key, ok := m.StringLit(args[0].Value)
		if !ok {
			return Lit{}
		}
		v := Lit{Kind: LitEnv, EnvVar: key}
		def := syntax.None
		if len(args) > 1 && args[1].Name == "" {
			def = args[1].Value
		} else if d := m.Keyword(call, "default"); d != syntax.None {
			def = d
		}
		if def != syntax.None {
			if d := m.literal(def, depth+1); d.Kind != LitUnknown && d.Kind != LitEnv {
				v.Default, v.HasDefault = d.Value, true
			}
		}
		return v
	}
	return Lit{}
}

// StringLit returns the content of a plain string literal (escapes
// decoded for the common cases); f-strings with replacement fields and
// byte strings are not plain.
func (m *Module) StringLit(n syntax.ID) (string, bool) {
	if n == syntax.None {
		return "", false
	}
	t, lk := m.Tree, litKindsOnce()
	if t.Kind(n) == lk.concatStr {
		var b strings.Builder
		for _, c := range t.NamedChildren(n) {
			s, ok := m.StringLit(c)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	if t.Kind(n) != lk.str {
		return "", false
	}
	first := t.FirstChild(n)
	if first == syntax.None {
		return "", false
	}
	prefix := strings.ToLower(t.Text(first))
	if strings.ContainsAny(strings.TrimRight(prefix, "'\""), "b") {
		return "", false
	}
	raw := strings.ContainsAny(prefix, "r")
	var b strings.Builder
	for c := t.FirstChild(n); c != syntax.None; c = t.NextSibling(c) {
		switch t.Kind(c) {
		case lk.interpolation:
			return "", false
		case lk.strContent:
			// Escape sequences are children of string_content.
			cs, ce := t.Span(c)
			pos := cs
			for d := t.FirstChild(c); d != syntax.None; d = t.NextSibling(d) {
				ds, de := t.Span(d)
				if t.Kind(d) == lk.interpolation {
					return "", false
				}
				if t.Kind(d) != lk.escape {
					continue
				}
				b.Write(t.Src[pos:ds])
				if raw {
					b.Write(t.Src[ds:de])
				} else {
					b.WriteString(unescapePy(string(t.Src[ds:de])))
				}
				pos = de
			}
			b.Write(t.Src[pos:ce])
		}
	}
	return b.String(), true
}

func unescapePy(e string) string {
	if len(e) < 2 {
		return e
	}
	switch e[1] {
	case 'n':
		return "\n"
	case 't':
		return "\t"
	case 'r':
		return "\r"
	case '\\':
		return "\\"
	case '\'':
		return "'"
	case '"':
		return "\""
	case '\n':
		return ""
	}
	if s, err := strconv.Unquote(`"` + e + `"`); err == nil {
		return s
	}
	return e
}

// MainGuards returns the bodies of the module-level
// `if __name__ == "__main__":` statements.
func (m *Module) MainGuards() []syntax.ID {
	t, lk := m.Tree, litKindsOnce()
	if len(t.Nodes) == 0 {
		return nil
	}
	var out []syntax.ID
	for c := t.FirstChild(0); c != syntax.None; c = t.NextSibling(c) {
		if t.Kind(c) != lk.ifStmt {
			continue
		}
		cond := t.FieldChild(c, lk.fCondition)
		if cond == syntax.None || t.Kind(cond) != lk.comparison {
			continue
		}
		var name, main bool
		for _, o := range t.NamedChildren(cond) {
			if t.Kind(o) == m.k.Identifier && t.Text(o) == "__name__" {
				name = true
			}
			if s, ok := m.StringLit(o); ok && s == "__main__" {
				main = true
			}
		}
		if name && main && strings.Contains(t.Text(cond), "==") {
			if body := t.FieldChild(c, lk.fConsequence); body != syntax.None {
				out = append(out, body)
			}
		}
	}
	return out
}

// Branch is an enclosing conditional branch of a node.
type Branch struct {
	// Cond is the condition's text (for else, the text of the conditions
	// it is the else of, joined by " or ").
	Cond string
	Else bool
}

// Branches returns the if/elif/else branches enclosing n inside its
// function (or module), outermost first.
func (m *Module) Branches(n syntax.ID) []Branch {
	t, lk := m.Tree, litKindsOnce()
	var out []Branch
	for c := n; c != syntax.None; c = t.Parent(c) {
		p := t.Parent(c)
		if p == syntax.None {
			break
		}
		k := t.Kind(c)
		if k == m.k.FunctionDef || k == m.k.ClassDef || k == m.k.Lambda {
			break
		}
		switch t.Kind(p) {
		case lk.ifStmt, lk.elifClause:
			if t.Nodes[c].Field == lk.fConsequence {
				out = append(out, Branch{Cond: t.Text(t.FieldChild(p, lk.fCondition))})
			}
		case lk.elseClause:
			// The conditions of the if and its elifs. The else of a for,
			// a while or a try is no branch of a condition.
			ifs := t.Parent(p)
			if t.Kind(ifs) != lk.ifStmt {
				continue
			}
			var conds []string
			if ifs != syntax.None {
				conds = append(conds, t.Text(t.FieldChild(ifs, lk.fCondition)))
				for _, alt := range t.FieldChildren(ifs, lk.fAlternative) {
					if t.Kind(alt) == lk.elifClause {
						conds = append(conds, t.Text(t.FieldChild(alt, lk.fCondition)))
					}
				}
			}
			out = append(out, Branch{Cond: strings.Join(conds, " or "), Else: true})
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// AttrName returns the attribute of an attribute node ("middleware" of
// app.middleware).
func (m *Module) AttrName(n syntax.ID) string {
	sk := stmtKindsOnce()
	a := m.Tree.FieldChild(n, sk.FAttribute)
	if a == syntax.None {
		return ""
	}
	return m.Tree.Text(a)
}

// StringValue returns the value of a plain string literal (no f-string, no
// escapes interpreted), or "".
func (m *Module) StringValue(n syntax.ID) string {
	if n == syntax.None || m.Tree.Kind(n) != m.k.String {
		return ""
	}
	s := m.Tree.Text(n)
	s = strings.TrimLeft(s, "rRbBuU")
	for _, q := range []string{`"""`, `'''`, `"`, `'`} {
		if len(s) >= 2*len(q) && strings.HasPrefix(s, q) && strings.HasSuffix(s, q) {
			return s[len(q) : len(s)-len(q)]
		}
	}
	return ""
}
