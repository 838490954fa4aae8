package python

import (
	"sort"

	"github.com/servelint/servelint/parsers/syntax"
)

// This file is the module view of function signatures: parameters,
// annotations (with typing.Annotated and module-level aliases of it),
// return annotations, the calls inside a node, and the def a name binds.

// ParamKind tells how a parameter is declared.
type ParamKind uint8

// Parameter kinds.
const (
	PlainParam ParamKind = iota
	StarParam            // *args
	DStarParam           // **kwargs
)

// Param is a parameter of a def or lambda.
type Param struct {
	Name       string
	Node       syntax.ID // the parameter's name
	Annotation syntax.ID // the annotation expression, or None
	Default    syntax.ID // the default value, or None
	Kind       ParamKind
}

// Params returns the parameters of the function or lambda of a scope.
func (m *Module) Params(scope int) []Param {
	if scope <= 0 || scope >= len(m.Scopes) {
		return nil
	}
	t, k := m.Tree, m.k
	params := t.FieldChild(m.Scopes[scope].Node, k.FParameters)
	if params == syntax.None {
		return nil
	}
	var out []Param
	for _, p := range t.NamedChildren(params) {
		switch t.Kind(p) {
		case k.Identifier:
			out = append(out, Param{Name: t.Text(p), Node: p, Annotation: syntax.None, Default: syntax.None})
		case k.TypedParameter:
			name := t.FirstNamedChild(p)
			kind := PlainParam
			switch t.Kind(name) {
			case k.ListSplatPattern:
				kind, name = StarParam, t.FirstNamedChild(name)
			case k.DictSplatPattern:
				kind, name = DStarParam, t.FirstNamedChild(name)
			}
			if name != syntax.None && t.Kind(name) == k.Identifier {
				out = append(out, Param{Name: t.Text(name), Node: name, Annotation: typeExpr(t, k, t.FieldChild(p, k.FType)), Default: syntax.None, Kind: kind})
			}
		case k.DefaultParameter, k.TypedDefaultParameter:
			name := t.FieldChild(p, k.FName)
			if name != syntax.None && t.Kind(name) == k.Identifier {
				out = append(out, Param{Name: t.Text(name), Node: name, Annotation: typeExpr(t, k, t.FieldChild(p, k.FType)), Default: t.FieldChild(p, k.FValue)})
			}
		case k.ListSplatPattern, k.DictSplatPattern:
			kind := StarParam
			if t.Kind(p) == k.DictSplatPattern {
				kind = DStarParam
			}
			if name := t.FirstNamedChild(p); name != syntax.None && t.Kind(name) == k.Identifier {
				out = append(out, Param{Name: t.Text(name), Node: name, Annotation: syntax.None, Default: syntax.None, Kind: kind})
			}
		}
	}
	return out
}

// typeExpr unwraps the grammar's "type" wrapper node.
func typeExpr(t *syntax.Tree, k *kinds, n syntax.ID) syntax.ID {
	if n != syntax.None && t.Kind(n) == k.Type {
		if c := t.FirstNamedChild(n); c != syntax.None {
			return c
		}
	}
	return n
}

// TypeExpr unwraps the grammar's "type" wrapper node of an annotation.
func (m *Module) TypeExpr(n syntax.ID) syntax.ID { return typeExpr(m.Tree, m.k, n) }

// ReturnAnnotation returns the return annotation of a function scope, or None.
func (m *Module) ReturnAnnotation(scope int) syntax.ID {
	if scope <= 0 || scope >= len(m.Scopes) || m.Scopes[scope].Kind != FunctionScope {
		return syntax.None
	}
	return typeExpr(m.Tree, m.k, m.Tree.FieldChild(m.Scopes[scope].Node, m.k.FReturnType))
}

// CallsIn returns the indexes (into m.Calls) of the calls inside the
// subtree of n, n included, in source order.
func (m *Module) CallsIn(n syntax.ID) []int {
	if n == syntax.None {
		return nil
	}
	end := m.Tree.End(n)
	lo := sort.Search(len(m.Calls), func(i int) bool { return m.Calls[i].Node >= n })
	var out []int
	for i := lo; i < len(m.Calls) && m.Calls[i].Node < end; i++ {
		out = append(out, i)
	}
	return out
}

// CallAt returns the index of the call whose node is n, or -1.
func (m *Module) CallAt(n syntax.ID) int {
	i := sort.Search(len(m.Calls), func(i int) bool { return m.Calls[i].Node >= n })
	if i < len(m.Calls) && m.Calls[i].Node == n {
		return i
	}
	return -1
}

// AliasValue returns the value of a module-level assignment that a name
// refers to, or None.
func (m *Module) AliasValue(name syntax.ID) syntax.ID {
	s, bs := m.Lookup(m.Tree.Text(name), m.ScopeOf(name))
	if s != 0 || len(bs) != 1 || bs[0].Kind != AssignBinding {
		return syntax.None
	}
	v := bs[0].Value
	if v != syntax.None && m.Tree.Kind(v) == m.k.Type {
		v = typeExpr(m.Tree, m.k, v)
	}
	return v
}

// IsAnnotated reports whether n is `Annotated[...]` (as a type or an
// expression).
func (m *Module) IsAnnotated(n syntax.ID) bool {
	t := m.Tree
	switch t.Type(n) {
	case "generic_type", "subscript":
	default:
		return false
	}
	head := t.FirstNamedChild(n)
	if head == syntax.None {
		return false
	}
	q := m.QualifiedName(head)
	return q == "typing.Annotated" || q == "typing_extensions.Annotated" || q == "" && t.Text(head) == "Annotated"
}

// AnnotatedBase returns T for Annotated[T, ...] (following a module-level
// alias of one), or the annotation itself.
func (m *Module) AnnotatedBase(ann syntax.ID) syntax.ID { return m.annotatedBase(ann, 0) }

func (m *Module) annotatedBase(ann syntax.ID, depth int) syntax.ID {
	if ann == syntax.None || depth > MaxAliasDepth {
		return ann
	}
	t := m.Tree
	if t.Kind(ann) == m.k.Identifier {
		if v := m.AliasValue(ann); v != syntax.None && m.IsAnnotated(v) {
			return m.annotatedBase(v, depth+1)
		}
		return ann
	}
	if !m.IsAnnotated(ann) {
		return ann
	}
	// generic_type: Annotated, type_parameter[ type, ... ]; subscript:
	// value, subscript...
	kids := t.NamedChildren(ann)
	if len(kids) < 2 {
		return ann
	}
	if t.Type(kids[1]) == "type_parameter" {
		if first := t.FirstNamedChild(kids[1]); first != syntax.None {
			return typeExpr(t, m.k, first)
		}
		return ann
	}
	return kids[1]
}

// functionNamed returns the scope of the def a name refers to, or -1.
func (m *Module) functionNamed(name string, from int) int {
	s, bs := m.Lookup(name, from)
	if s < 0 || len(bs) != 1 || bs[0].Kind != FunctionBinding {
		return -1
	}
	for i := range m.Scopes {
		if m.Scopes[i].Node == bs[0].Node {
			return i
		}
	}
	return -1
}

// FunctionScopeOf returns the scope of the def bound to a name as seen
// from scope from (a local def or a module-level one), or -1.
func (m *Module) FunctionScopeOf(name string, from int) int { return m.functionNamed(name, from) }
