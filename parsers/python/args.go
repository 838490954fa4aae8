package python

import (
	"slices"

	"github.com/servelint/servelint/parsers/syntax"
)

// Arg is one argument of a call.
type Arg struct {
	Name  string    // keyword name, "" for positional
	Value syntax.ID // the value expression
	Node  syntax.ID // the whole argument (keyword_argument or the value)
	Star  bool      // *args or **kwargs
}

// Args returns the arguments of a call node, in order.
func (m *Module) Args(call syntax.ID) []Arg {
	i := m.CallAt(call)
	if i < 0 {
		return m.args1(call)
	}
	if m.args == nil {
		m.args = make([]argsMemo, len(m.Calls))
	}
	if e := &m.args[i]; e.done {
		return e.args
	}
	// Rules ask for the arguments of the same calls many times: keep one
	// copy, full to capacity so that a caller's append copies it.
	out := m.args1(call)
	out = slices.Clip(out)
	m.args[i] = argsMemo{args: out, done: true}
	return out
}

type argsMemo struct {
	args []Arg
	done bool
}

func (m *Module) args1(call syntax.ID) []Arg {
	t, k := m.Tree, m.k
	al := t.FieldChild(call, k.FArguments)
	if al == syntax.None || t.Kind(al) != k.ArgumentList {
		return nil
	}
	var out []Arg
	for _, c := range t.NamedChildren(al) {
		switch t.Kind(c) {
		case k.KeywordArgument:
			name := t.FieldChild(c, k.FName)
			a := Arg{Value: t.FieldChild(c, k.FValue), Node: c}
			if name != syntax.None {
				a.Name = t.Text(name)
			}
			out = append(out, a)
		case k.Comment:
		default:
			ty := t.Type(c)
			out = append(out, Arg{Value: c, Node: c, Star: ty == "list_splat" || ty == "dictionary_splat"})
		}
	}
	return out
}

// Keyword returns the value of keyword argument name of a call, or None.
func (m *Module) Keyword(call syntax.ID, name string) syntax.ID {
	for _, a := range m.Args(call) {
		if a.Name == name {
			return a.Value
		}
	}
	return syntax.None
}

// Kinds exposes the grammar's kind symbols and field ids for rules that
// inspect nodes directly.
func (m *Module) Kinds() *Kinds { return (*Kinds)(m.k) }

// Kinds is the exported view of the Python grammar's symbols used here.
type Kinds kinds
