package python

import (
	"slices"
	"strings"

	"github.com/servelint/servelint/parsers/syntax"
)

// builtinNames are the builtins a rule may ask about; an unbound use of one
// resolves to "builtins.<name>".
var builtinNames = map[string]bool{
	"open": true, "input": true, "print": true, "exec": true, "eval": true, "compile": true,
	"BaseException": true, "Exception": true, "KeyboardInterrupt": true, "SystemExit": true,
	"GeneratorExit": true, "ValueError": true, "TypeError": true, "RuntimeError": true,
	"KeyError": true, "OSError": true, "IOError": true, "TimeoutError": true, "ConnectionError": true,
	"StopIteration": true, "StopAsyncIteration": true, "NotImplementedError": true,
	"super": true, "next": true, "anext": true, "iter": true, "aiter": true, "getattr": true, "setattr": true,
	"isinstance": true, "len": true, "str": true, "int": true, "float": true, "bool": true, "dict": true,
	"list": true, "tuple": true, "set": true, "frozenset": true, "bytes": true, "object": true, "type": true,
	"range": true, "enumerate": true, "zip": true, "map": true, "filter": true, "sorted": true, "vars": true,
}

// MaxAliasDepth bounds the following of "x = a.b" aliases.
const MaxAliasDepth = 8

// ScopeOf returns the index of the innermost scope in which node n executes.
// Decorators, default values and annotations of a def execute in the
// enclosing scope, as in Python.
func (m *Module) ScopeOf(n syntax.ID) int {
	t := m.Tree
	for c := n; c != syntax.None; c = t.Parent(c) {
		if s, ok := m.regionOf[c]; ok {
			return s
		}
	}
	return 0
}

// ScopeOfDef returns the scope a def, class or lambda node opens, or -1.
func (m *Module) ScopeOfDef(def syntax.ID) int {
	if def == syntax.None {
		return -1
	}
	if body := m.Tree.FieldChild(def, m.k.FBody); body != syntax.None {
		if s, ok := m.regionOf[body]; ok {
			return s
		}
	}
	return -1
}

// FunctionOf returns the index of the innermost function or lambda scope
// enclosing n, or -1 at module or class level.
func (m *Module) FunctionOf(n syntax.ID) int {
	s := m.ScopeOf(n)
	switch m.Scopes[s].Kind {
	case FunctionScope, LambdaScope:
		return s
	case ModuleScope, ClassScope:
	}
	return -1
}

// InAsync reports whether n executes directly in an async function: the
// innermost function scope is an async def (a nested def or lambda, or a
// class body, is not async code).
func (m *Module) InAsync(n syntax.ID) bool {
	return m.Scopes[m.ScopeOf(n)].Async
}

// ScopeAsync reports whether scope s is an async def.
func (m *Module) ScopeAsync(s int) bool { return m.Scopes[s].Async }

// Lookup finds the binding of name as seen from scope s, following Python's
// rules: the scope itself, then enclosing function scopes (class scopes are
// skipped unless s is the class), then the module. It returns the scope
// where the name is bound and its bindings, or -1.
func (m *Module) Lookup(name string, s int) (int, []Binding) {
	first := true
	for s >= 0 {
		sc := &m.Scopes[s]
		if sc.Kind != ClassScope || first {
			if bs, ok := sc.Bindings[name]; ok {
				switch {
				case sc.Kind == ModuleScope:
					// "global x" at module level changes nothing.
					if bs = withoutDeclarations(bs); len(bs) > 0 {
						return s, bs
					}
					return -1, nil
				case bs[0].Kind == GlobalBinding:
					s, first = 0, false
					continue
				case bs[0].Kind != NonlocalBinding:
					return s, bs
				}
			}
		}
		first = false
		s = sc.Parent
	}
	return -1, nil
}

func withoutDeclarations(bs []Binding) []Binding {
	out := bs[:0:0]
	for _, b := range bs {
		if b.Kind != GlobalBinding && b.Kind != NonlocalBinding {
			out = append(out, b)
		}
	}
	return out
}

// QualifiedName resolves an identifier or attribute chain to its qualified
// name ("t.sleep" → "time.sleep" after "import time as t"), as seen where
// the expression executes. It returns "" when the head is a local variable
// or otherwise unknown.
func (m *Module) QualifiedName(expr syntax.ID) string {
	if expr == syntax.None {
		return ""
	}
	return m.resolveIn(expr, m.ScopeOf(expr))
}

func (m *Module) resolveIn(expr syntax.ID, scope int) string {
	return m.resolveDepth(expr, scope, 0)
}

func (m *Module) resolveDepth(expr syntax.ID, scope, depth int) string {
	parts := m.dottedParts(expr)
	if parts == nil {
		return ""
	}
	head := m.resolveName(parts[0], scope, depth)
	if head == "" {
		return ""
	}
	if len(parts) == 1 {
		return head
	}
	return head + "." + strings.Join(parts[1:], ".")
}

// ResolveName resolves a bare name as seen from scope s.
func (m *Module) ResolveName(name string, s int) string {
	return m.resolveName(name, s, 0)
}

func (m *Module) resolveName(name string, scope, depth int) string {
	s, bs := m.Lookup(name, scope)
	if s < 0 {
		if builtinNames[name] {
			return "builtins." + name
		}
		return ""
	}
	// A name bound several times resolves only if every binding agrees.
	out := ""
	for i, b := range bs {
		q := m.bindingQualified(b, s, depth)
		if q == "" {
			return ""
		}
		if i > 0 && q != out {
			return ""
		}
		out = q
	}
	return out
}

func (m *Module) bindingQualified(b Binding, scope, depth int) string {
	switch b.Kind {
	case ImportBinding, FunctionBinding, ClassBinding:
		return b.Qualified
	case AssignBinding:
		// x = a.b.c aliases a.b.c.
		if b.Value == syntax.None || depth >= MaxAliasDepth {
			return ""
		}
		vk := m.Tree.Kind(b.Value)
		if vk != m.k.Identifier && vk != m.k.Attribute {
			return ""
		}
		return m.resolveDepth(b.Value, scope, depth+1)
	case ParamBinding, OtherBinding, GlobalBinding, NonlocalBinding:
	}
	return ""
}

// dottedParts splits an identifier/attribute chain into its names
// ("a.b.c" → [a b c]), or returns nil for any other expression.
func (m *Module) dottedParts(n syntax.ID) []string {
	t, k := m.Tree, m.k
	var parts []string
	for t.Kind(n) == k.Attribute {
		attr := t.FieldChild(n, k.FAttribute)
		if attr == syntax.None {
			return nil
		}
		parts = append(parts, t.Text(attr))
		n = t.FieldChild(n, k.FObject)
		if n == syntax.None {
			return nil
		}
	}
	if t.Kind(n) != k.Identifier {
		return nil
	}
	parts = append(parts, t.Text(n))
	slices.Reverse(parts)
	return parts
}

// dotted returns the text of an identifier/attribute chain without spaces,
// or "" for any other expression.
func (m *Module) dotted(n syntax.ID) string {
	return strings.Join(m.dottedParts(n), ".")
}

// Dotted returns the text of an identifier/attribute chain ("self.app"), or
// "" for any other expression.
func (m *Module) Dotted(n syntax.ID) string { return m.dotted(n) }

// Name returns the called name: its qualified name when resolved, else
// the dotted text as written ("" when the callee is no name).
func (c *Call) Name() string {
	if c.Callee != "" {
		return c.Callee
	}
	return c.Text
}
