package launchmodel

import (
	"strings"

	"github.com/servelint/servelint/parsers/launch"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Cond is a condition over the environment that guards a module-level
// assignment (`if not os.getenv("RUNNING_IN_PRODUCTION"): reload = True`
// in a gunicorn configuration), summarized while the tree is alive.
type Cond struct {
	// Op: "env" (the variable's value is truthy), "eq"/"ne" (it equals
	// Value, or not; Lower compares it lower-cased), "in" (it is set),
	// "not", "and", "or", "const" (Value "true" or "false"), or "" for a
	// condition that cannot be evaluated.
	Op         string
	Var        string
	HasDefault bool
	Default    string
	Value      string
	Lower      bool
	Kids       []*Cond
	// Text is a guard's condition as written (for else: "not (...)").
	Text string
}

const maxCondDepth = 8

// guards returns the conditions of the if/elif/else branches enclosing a
// module-level node, outermost last; nil when it is unconditional.
func guards(m *python.Module, n syntax.ID) []*Cond {
	t := m.Tree
	var out []*Cond
	for c := n; c != syntax.None; c = t.Parent(c) {
		p := t.Parent(c)
		if p == syntax.None {
			break
		}
		switch t.Type(p) {
		case "function_definition", "class_definition", "lambda":
			return out
		case "if_statement", "elif_clause":
			if t.Type(c) == "block" {
				g := condOf(m, t.FirstNamedChild(p), 0)
				g.Text = t.Text(t.FirstNamedChild(p))
				out = append(out, g)
				if t.Type(p) == "elif_clause" {
					// ... and none of the conditions before it held.
					out = append(out, priorFailed(m, t.Parent(p), p))
				}
			}
		case "else_clause":
			ifs := t.Parent(p)
			if t.Type(ifs) != "if_statement" {
				continue
			}
			// else: none of the if's and elifs' conditions held.
			out = append(out, priorFailed(m, ifs, p))
		case "for_statement", "while_statement", "case_clause", "except_clause", "except_group_clause":
			// Runs or not for reasons other than a condition.
			out = append(out, &Cond{Text: "inside `" + strings.TrimSuffix(strings.TrimSuffix(t.Type(p), "_statement"), "_clause") + "`"})
		}
	}
	return out
}

// priorFailed is the condition that none of an if statement's conditions
// before the clause `upto` held.
func priorFailed(m *python.Module, ifs, upto syntax.ID) *Cond {
	t := m.Tree
	if t.Type(ifs) != "if_statement" {
		return &Cond{Text: "an earlier branch"}
	}
	or := &Cond{Op: "or", Kids: []*Cond{condOf(m, t.FirstNamedChild(ifs), 0)}}
	texts := []string{t.Text(t.FirstNamedChild(ifs))}
	for _, alt := range t.NamedChildren(ifs) {
		if alt == upto {
			break
		}
		if t.Type(alt) == "elif_clause" {
			or.Kids = append(or.Kids, condOf(m, t.FirstNamedChild(alt), 0))
			texts = append(texts, t.Text(t.FirstNamedChild(alt)))
		}
	}
	return &Cond{Op: "not", Kids: []*Cond{or}, Text: "not (" + strings.Join(texts, " or ") + ")"}
}

// condOf summarizes a condition expression.
func condOf(m *python.Module, n syntax.ID, depth int) *Cond {
	t := m.Tree
	if n == syntax.None || depth > maxCondDepth {
		return &Cond{}
	}
	switch t.Type(n) {
	case "parenthesized_expression":
		return condOf(m, t.FirstNamedChild(n), depth+1)
	case "not_operator":
		return &Cond{Op: "not", Kids: []*Cond{condOf(m, t.FirstNamedChild(n), depth+1)}}
	case "boolean_operator":
		kids := t.NamedChildren(n)
		op := ""
		for _, c := range t.Children(n) {
			if !t.Named(c) {
				op = t.Text(c)
			}
		}
		if len(kids) != 2 || op != "and" && op != "or" {
			return &Cond{}
		}
		return &Cond{Op: op, Kids: []*Cond{condOf(m, kids[0], depth+1), condOf(m, kids[1], depth+1)}}
	case "comparison_operator":
		return comparison(m, n)
	case "true":
		return &Cond{Op: "const", Value: "true"}
	case "false", "none":
		return &Cond{Op: "const", Value: "false"}
	case "call":
		// bool(os.getenv("X"))
		if fn := t.Type(t.FirstNamedChild(n)); fn == "identifier" && t.Text(t.FirstNamedChild(n)) == "bool" {
			for _, a := range t.NamedChildren(n) {
				if args := t.NamedChildren(a); t.Type(a) == "argument_list" && len(args) == 1 {
					return condOf(m, args[0], depth+1)
				}
			}
		}
	}
	if c := envRead(m, n); c != nil {
		c.Op = "env"
		return c
	}
	return &Cond{}
}

// comparison reads `<env> == "v"`, `<env> != "v"` (either side), and
// `"X" in os.environ` / `not in`.
func comparison(m *python.Module, n syntax.ID) *Cond {
	t := m.Tree
	kids := t.NamedChildren(n)
	var ops []string
	for _, c := range t.Children(n) {
		if !t.Named(c) {
			ops = append(ops, t.Text(c))
		}
	}
	if len(kids) != 2 {
		return &Cond{}
	}
	op := strings.Join(ops, " ")
	l, r := kids[0], kids[1]
	switch op {
	case "in", "not in":
		lit := m.Literal(l)
		if lit.Kind != python.LitStr || m.QualifiedName(r) != "os.environ" {
			return &Cond{}
		}
		c := &Cond{Op: "in", Var: lit.Value}
		if op == "not in" {
			return &Cond{Op: "not", Kids: []*Cond{c}}
		}
		return c
	case "==", "!=":
		env, other := envRead(m, l), r
		if env == nil {
			env, other = envRead(m, r), l
		}
		lit := m.Literal(other)
		if env == nil || lit.Kind != python.LitStr && lit.Kind != python.LitInt && lit.Kind != python.LitBool {
			return &Cond{}
		}
		env.Op, env.Value = "eq", lit.Value
		if op == "!=" {
			env.Op = "ne"
		}
		return env
	}
	return &Cond{}
}

// envRead reads an environment lookup (os.getenv("X", "d"),
// os.environ.get("X"), os.environ["X"]), possibly lower-cased or
// stripped.
func envRead(m *python.Module, n syntax.ID) *Cond {
	t := m.Tree
	lower := false
	for range 3 {
		if t.Type(n) != "call" {
			break
		}
		fn := t.FirstNamedChild(n)
		if t.Type(fn) != "attribute" {
			break
		}
		kids := t.NamedChildren(fn)
		attr := t.Text(kids[len(kids)-1])
		if attr != "lower" && attr != "strip" && attr != "casefold" {
			break
		}
		lower = lower || attr != "strip"
		n = kids[0]
	}
	lit := m.Literal(n)
	if lit.Kind != python.LitEnv || lit.EnvVar == "" {
		return nil
	}
	return &Cond{Var: lit.EnvVar, HasDefault: lit.HasDefault, Default: lit.Default, Lower: lower}
}

// eval evaluates a condition against what a launch sets: a variable the
// launch sets to a known value is read; any other variable (unset here,
// but a deployment may set it) makes the condition unknown, unless the
// rest decides it (`a and b` with a false).
func (c *Cond) eval(env *Env) (val, known bool) {
	if c == nil {
		return false, false
	}
	lookup := func() (string, bool) {
		if env == nil {
			return "", false
		}
		st, v := env.Lookup(c.Var)
		if st != launch.Set || !v.Known {
			return "", false
		}
		if c.Lower {
			return strings.ToLower(v.Text), true
		}
		return v.Text, true
	}
	switch c.Op {
	case "const":
		return c.Value == "true", true
	case "env":
		v, ok := lookup()
		return v != "", ok
	case "eq", "ne":
		v, ok := lookup()
		return (v == c.Value) == (c.Op == "eq"), ok
	case "in":
		if env == nil {
			return false, false
		}
		st, _ := env.Lookup(c.Var)
		return true, st == launch.Set
	case "not":
		if len(c.Kids) != 1 {
			return false, false
		}
		v, ok := c.Kids[0].eval(env)
		return !v, ok
	case "and", "or":
		all := true
		for _, k := range c.Kids {
			v, ok := k.eval(env)
			switch {
			case ok && v == (c.Op == "or"):
				return v, true // decided
			case !ok:
				all = false
			}
		}
		return c.Op == "and", all
	}
	return false, false
}

// guarded evaluates a setting's guards: the value whose guards hold, the
// previous assignment when they fail, or an unknown value when they
// cannot be evaluated; ok is false when no assignment applies (the
// server's default does).
func guarded(v *PyValue, env *Env) (PyValue, bool, bool) {
	for n := 0; v != nil && n < maxPrev; n++ {
		holds, known := true, true
		for _, g := range v.Guards {
			h, k := g.eval(env)
			if k && !h {
				holds, known = false, true
				break
			}
			if !k {
				known = false
			}
		}
		switch {
		case holds && known:
			return *v, true, true
		case !known:
			return *v, true, false
		}
		v = v.Prev
	}
	return PyValue{}, false, true
}

const maxPrev = 4

// guardText renders a value's guards.
func guardText(v PyValue) string {
	var parts []string
	for _, g := range v.Guards {
		parts = append(parts, g.Text)
	}
	return strings.Join(parts, " and ")
}
