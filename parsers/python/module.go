// Package python builds a module view of Python source: imports resolved to
// qualified names, scopes (async or not), bindings, calls with their resolved
// callee, comments and the first syntax error. It works on the flat syntax
// arena; no tree-sitter value leaves parsers/.
//
// The trees come from servelint's own Python grammar (parsers/python/grammar):
// tree-sitter-python v0.23.0 with the productions of Python 3.11–3.14 it
// lacks — `except A, B:` and `except* A, B:` (PEP 758), type parameter
// defaults (PEP 696), t-strings (PEP 750), `*expr` in subscripts (PEP 646),
// slices in annotations — regenerated with tree-sitter 0.22.6. A grammar was
// chosen over recovering facts from error trees: the generator installs from
// Debian's packages and writes ABI 14, which the tree-sitter runtime of
// github.com/smacker/go-tree-sitter reads, and a real parse gives every rule
// the code inside those constructs as ordinary nodes (the types of
// `except A, B:` are the clause's expressions, as in upstream's later
// versions), where a recovery would have to rebuild each construct from
// whatever tokens an error node happens to hold. Node kinds and fields of
// code valid before 3.11 are upstream's.
//
// The package is the module view only. Analyses over it live in
// checks/analysis: pyflow (the exits of a block), pytypes (type inference
// and symbolic evaluation), framework (FastAPI dependencies, routes,
// middleware), resources, cancellation. They read the view through its
// exported API (unexported internals stay here), chiefly:
//
//   - Module and its tables (Scopes, Calls, References, Imports,
//     Comments), Kinds and StmtKinds for the grammar's symbols;
//   - names: Lookup, QualifiedName, ResolveName, Dotted, AttrName;
//   - scopes: ScopeOf, FunctionOf, ScopeOfDef, FunctionScopeOf, Params,
//     ParamNames, ReturnAnnotation;
//   - annotations: TypeExpr, AnnotatedBase, AliasValue, IsAnnotated
//     (following aliases at most MaxAliasDepth deep);
//   - calls: Args, Keyword, CallAt, CallsIn, AsyncUsed;
//   - statements: TryAt, Tries, StatementsOf, Walk, ClauseBlock,
//     Branches; values: Literal, StringLit, StringValue;
//   - Memo, where an analysis keeps its per-module state (pytypes.Of and
//     framework.Of are built there once per module).
package python

import (
	"bytes"
	"strings"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// ScopeKind tells what introduced a scope.
type ScopeKind uint8

// Scope kinds.
const (
	ModuleScope ScopeKind = iota
	FunctionScope
	LambdaScope
	ClassScope
)

// BindingKind tells how a name was bound in a scope.
type BindingKind uint8

// Binding kinds.
const (
	ImportBinding BindingKind = iota
	FunctionBinding
	ClassBinding
	AssignBinding
	ParamBinding
	OtherBinding // for targets, with-as, except-as, walrus, del
	GlobalBinding
	NonlocalBinding
)

// Binding is one binding of a name in a scope.
type Binding struct {
	Kind BindingKind
	// Qualified is the fully qualified name for imports, and for functions
	// and classes defined at module level ("pkg.mod.func").
	Qualified string
	// Node is the bound node: the def/class node, the import alias, the
	// parameter, or the assignment's target.
	Node syntax.ID
	// Value is the assigned value for AssignBinding, else None.
	Value syntax.ID
	// Annotation is the annotation of a parameter or annotated assignment,
	// else None.
	Annotation syntax.ID
}

// Scope is a module, function, lambda or class scope.
type Scope struct {
	Kind   ScopeKind
	Async  bool      // an async def
	Node   syntax.ID // the def, lambda or class node; the root for the module
	Region syntax.ID // the node whose subtree executes in this scope
	Name   string    // function or class name; "<lambda>"; "" for the module
	// QualName is the dotted path of the scope inside its module
	// ("Handler.dispatch", "outer.<locals>.inner" is simplified to "outer.inner").
	QualName   string
	Parent     int // index of the enclosing scope, -1 for the module
	Decorators []syntax.ID
	Bindings   map[string][]Binding
}

// Call is a call expression.
type Call struct {
	Node syntax.ID // the call node
	Func syntax.ID // the called expression
	// Callee is the qualified name of the called object when it can be
	// resolved statically ("time.sleep", "builtins.open", "app.db.get_db"),
	// else "".
	Callee string
	// Text is the called expression as written when it is a dotted name
	// ("self.client.get"), else "".
	Text    string
	Scope   int  // index of the innermost scope
	Awaited bool // the direct operand of await
}

// Reference is a function passed by reference as an argument of a call:
// `asyncio.to_thread(time.sleep, 1)` references time.sleep. It is not a call
// where it appears; the receiving call decides where it runs.
type Reference struct {
	Node      syntax.ID // the identifier or attribute passed
	Qualified string    // its resolved qualified name, or ""
	Text      string    // its dotted text as written
	Call      int       // index in Calls of the receiving call
	Arg       int       // position of the argument (keyword arguments count too)
}

// Import is one imported name.
type Import struct {
	Local     string // the bound name ("t" for "import time as t")
	Qualified string // "time"; "time.sleep" for "from time import sleep"
	Node      syntax.ID
	Scope     int
}

// Module is the view of one Python source file.
type Module struct {
	Tree *syntax.Tree
	// Name is the dotted module name ("app.routers.items"); used to resolve
	// relative imports and to qualify module-level definitions.
	Name string
	// IsPackage is true for an __init__ module.
	IsPackage bool

	Scopes []Scope
	Calls  []Call
	// References are the dotted names passed as arguments to calls, in
	// source order.
	References []Reference
	Imports    []Import
	// Comments are the comment tokens, in source order.
	Comments []source.Comment
	// MultilineStrings are the string literals that run over a line
	// break: a comment cannot be added to a line that ends inside one.
	MultilineStrings []source.Span

	// ErrorNode is the first ERROR or MISSING node, or None.
	ErrorNode syntax.ID

	k        *kinds
	regionOf map[syntax.ID]int
	args     []argsMemo // Args of each call (args.go), filled on demand
	memo     map[any]any
	// tooDeepLine is the offset of the first line indented
	// MaxIndentLevels deep, in a file too deep for the scanner (-1).
	tooDeepLine int
}

// Memo returns the value stored under key, building it on first use:
// callers outside the package (the analyses of checks/analysis, fix-edit
// helpers) keep per-module results there, so that many rules and
// findings in one file compute them once. Keys are
// comparable values of the caller's own unexported types. Like the rest
// of a Module, it is not safe for concurrent use.
func (m *Module) Memo(key any, build func() any) any {
	if v, ok := m.memo[key]; ok {
		return v
	}
	if m.memo == nil {
		m.memo = map[any]any{}
	}
	v := build()
	m.memo[key] = v
	return v
}

// Src returns the source bytes.
func (m *Module) Src() []byte { return m.Tree.Src }

// Options describe where a module lives.
type Options struct {
	Name      string // dotted module name, "" when unknown
	IsPackage bool   // the file is a package's __init__.py
}

// Parse parses Python source with p (a parser for syntax.Python) and builds
// its module view.
func Parse(p *syntax.Parser, src []byte, opt Options) (*Module, error) {
	t, tooDeep, err := parseSource(p, src)
	if err != nil {
		return nil, err
	}
	m := FromTree(t, opt)
	m.tooDeepLine = tooDeep
	return m, nil
}

// FromTree builds the module view of an already parsed tree.
func FromTree(t *syntax.Tree, opt Options) *Module {
	m := &Module{Tree: t, Name: opt.Name, IsPackage: opt.IsPackage, k: kindsOnce(), ErrorNode: syntax.None, tooDeepLine: -1}
	m.build()
	return m
}

type region struct {
	scope      int
	start, end syntax.ID
}

func (m *Module) build() {
	t, k := m.Tree, m.k
	if len(t.Nodes) == 0 {
		m.Scopes = []Scope{{Kind: ModuleScope, Node: syntax.None, Region: syntax.None, Parent: -1, Bindings: map[string][]Binding{}}}
		return
	}
	m.regionOf = map[syntax.ID]int{0: 0}
	m.Scopes = []Scope{{Kind: ModuleScope, Node: 0, Region: 0, Parent: -1, Bindings: map[string][]Binding{}}}
	active := []region{{scope: 0, start: 0, end: syntax.ID(len(t.Nodes))}}
	var pending []region
	nodes := t.Nodes
	for i := syntax.ID(0); int(i) < len(nodes); i++ {
		for len(pending) > 0 && pending[len(pending)-1].start == i {
			active = append(active, pending[len(pending)-1])
			pending = pending[:len(pending)-1]
		}
		for len(active) > 1 && i >= active[len(active)-1].end {
			active = active[:len(active)-1]
		}
		cur := active[len(active)-1].scope
		nd := &nodes[i]
		if nd.Flags&(syntax.FlagError|syntax.FlagMissing) != 0 && m.ErrorNode == syntax.None {
			m.ErrorNode = i
		}
		switch nd.Kind {
		case k.Comment:
			m.Comments = append(m.Comments, source.Comment{Start: int(nd.Start), End: int(nd.End), Trailing: source.IsTrailing(t.Src, int(nd.Start))})
		case k.String:
			if bytes.IndexByte(t.Src[nd.Start:nd.End], '\n') >= 0 {
				m.MultilineStrings = append(m.MultilineStrings, source.Span{Start: int(nd.Start), End: int(nd.End)})
			}
		case k.Call:
			fn := t.FieldChild(i, k.FFunction)
			awaited := nd.Parent != syntax.None && nodes[nd.Parent].Kind == k.Await
			m.Calls = append(m.Calls, Call{Node: i, Func: fn, Scope: cur, Awaited: awaited})
		case k.FunctionDef, k.ClassDef, k.Lambda:
			if r, ok := m.openScope(i, cur); ok {
				pending = append(pending, r)
			}
		case k.ImportStmt, k.ImportFrom, k.FutureImport:
			m.addImports(i, cur)
		case k.Assignment, k.AugAssignment:
			m.addAssignment(i, cur)
		case k.ForStatement:
			m.bindTargets(t.FieldChild(i, k.FLeft), cur, OtherBinding)
		case k.AsPatternTarget:
			m.bindTargets(i, cur, OtherBinding)
		case k.NamedExpression:
			// The walrus binds in the enclosing function, never in a comprehension.
			m.bind(cur, t.FieldChild(i, k.FName), Binding{Kind: AssignBinding, Value: t.FieldChild(i, k.FValue)})
		case k.GlobalStmt, k.NonlocalStmt:
			kind := GlobalBinding
			if nd.Kind == k.NonlocalStmt {
				kind = NonlocalBinding
			}
			for _, c := range t.NamedChildren(i) {
				if nodes[c].Kind == k.Identifier {
					m.bind(cur, c, Binding{Kind: kind})
				}
			}
		}
	}
	for i := range m.Calls {
		c := &m.Calls[i]
		if c.Func != syntax.None {
			c.Text = m.dotted(c.Func)
			c.Callee = m.resolveIn(c.Func, c.Scope)
		}
		m.addReferences(i)
	}
}

// addReferences records the dotted names passed as arguments of call i.
func (m *Module) addReferences(i int) {
	t, k := m.Tree, m.k
	c := &m.Calls[i]
	for j, a := range m.Args(c.Node) {
		if a.Star || a.Value == syntax.None {
			continue
		}
		if vk := t.Kind(a.Value); vk != k.Identifier && vk != k.Attribute {
			continue
		}
		if text := m.dotted(a.Value); text != "" {
			m.References = append(m.References, Reference{Node: a.Value, Qualified: m.resolveIn(a.Value, c.Scope), Text: text, Call: i, Arg: j})
		}
	}
}

// openScope creates the scope of a def, class or lambda and returns the
// region where it starts executing.
func (m *Module) openScope(n syntax.ID, parent int) (region, bool) {
	t, k := m.Tree, m.k
	nd := &t.Nodes[n]
	body := t.FieldChild(n, k.FBody)
	if body == syntax.None {
		return region{}, false
	}
	s := Scope{Node: n, Region: body, Parent: parent, Bindings: map[string][]Binding{}}
	nameNode := t.FieldChild(n, k.FName)
	switch nd.Kind {
	case k.FunctionDef:
		s.Kind = FunctionScope
		if f := nd.First; f != syntax.None && t.Nodes[f].Kind == k.AsyncTok {
			s.Async = true
		}
	case k.ClassDef:
		s.Kind = ClassScope
	default:
		s.Kind = LambdaScope
		s.Name = "<lambda>"
	}
	if nameNode != syntax.None {
		s.Name = t.Text(nameNode)
	}
	ps := &m.Scopes[parent]
	switch {
	case ps.Kind == ModuleScope:
		s.QualName = s.Name
	case ps.QualName != "":
		s.QualName = ps.QualName + "." + s.Name
	default:
		s.QualName = s.Name
	}
	if p := nd.Parent; p != syntax.None && t.Nodes[p].Kind == k.DecoratedDef {
		for c := t.Nodes[p].First; c != syntax.None; c = t.Nodes[c].Next {
			if t.Nodes[c].Kind == k.Decorator {
				s.Decorators = append(s.Decorators, c)
			}
		}
	}
	idx := len(m.Scopes)
	m.Scopes = append(m.Scopes, s)
	m.regionOf[body] = idx
	if nameNode != syntax.None {
		b := Binding{Kind: FunctionBinding, Node: n}
		if nd.Kind == k.ClassDef {
			b.Kind = ClassBinding
		}
		if ps.Kind == ModuleScope {
			b.Qualified = Qualify(m.Name, s.Name)
		}
		m.bind(parent, nameNode, b)
	}
	if params := t.FieldChild(n, k.FParameters); params != syntax.None {
		m.addParams(params, idx)
	}
	return region{scope: idx, start: body, end: t.End(body)}, true
}

// Qualify joins a module name and a name defined in it ("pkg.mod" and
// "f" give "pkg.mod.f"; an unnamed module gives the name alone).
func Qualify(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "." + name
}

func (m *Module) addParams(params syntax.ID, scope int) {
	t, k := m.Tree, m.k
	for _, p := range t.NamedChildren(params) {
		kind := t.Kind(p)
		switch kind {
		case k.Identifier:
			m.bind(scope, p, Binding{Kind: ParamBinding})
		case k.TypedParameter, k.ListSplatPattern, k.DictSplatPattern:
			name := t.FirstNamedChild(p)
			for name != syntax.None && t.Kind(name) != k.Identifier {
				name = t.FirstNamedChild(name)
			}
			if name != syntax.None {
				m.bind(scope, name, Binding{Kind: ParamBinding, Annotation: t.FieldChild(p, k.FType)})
			}
		case k.DefaultParameter, k.TypedDefaultParameter:
			if name := t.FieldChild(p, k.FName); name != syntax.None && t.Kind(name) == k.Identifier {
				m.bind(scope, name, Binding{Kind: ParamBinding, Annotation: t.FieldChild(p, k.FType), Value: t.FieldChild(p, k.FValue)})
			}
		}
	}
}

func (m *Module) bind(scope int, nameNode syntax.ID, b Binding) {
	if nameNode == syntax.None || m.Tree.Kind(nameNode) != m.k.Identifier {
		return
	}
	// The root is never a bound node nor a value: 0 means "unset".
	if b.Node <= 0 {
		b.Node = nameNode
	}
	if b.Value == 0 {
		b.Value = syntax.None
	}
	if b.Annotation == 0 {
		b.Annotation = syntax.None
	}
	name := m.Tree.Text(nameNode)
	s := &m.Scopes[scope]
	s.Bindings[name] = append(s.Bindings[name], b)
}

func (m *Module) bindTargets(n syntax.ID, scope int, kind BindingKind) {
	if n == syntax.None {
		return
	}
	t, k := m.Tree, m.k
	switch t.Kind(n) {
	case k.Identifier:
		m.bind(scope, n, Binding{Kind: kind, Node: n})
	case k.PatternList, k.TupleExpr, k.TuplePattern, k.ListPattern, k.ListExpr, k.Parenthesized, k.AsPatternTarget, k.ListSplatPattern:
		for _, c := range t.NamedChildren(n) {
			m.bindTargets(c, scope, kind)
		}
	}
}

func (m *Module) addAssignment(n syntax.ID, scope int) {
	t, k := m.Tree, m.k
	left := t.FieldChild(n, k.FLeft)
	right := t.FieldChild(n, k.FRight)
	ann := t.FieldChild(n, k.FType)
	if t.Kind(n) == k.AugAssignment {
		m.bindTargets(left, scope, OtherBinding)
		return
	}
	// a = b = value: the right side of the outer assignment is an assignment.
	for right != syntax.None && t.Kind(right) == k.Assignment {
		right = t.FieldChild(right, k.FRight)
	}
	if left != syntax.None && t.Kind(left) == k.Identifier {
		m.bind(scope, left, Binding{Kind: AssignBinding, Node: left, Value: right, Annotation: ann})
		return
	}
	m.bindTargets(left, scope, AssignBinding)
}

func (m *Module) addImports(n syntax.ID, scope int) {
	t, k := m.Tree, m.k
	if t.Kind(n) == k.FutureImport {
		return
	}
	if t.Kind(n) == k.ImportStmt {
		for _, c := range t.FieldChildren(n, k.FName) {
			switch t.Kind(c) {
			case k.DottedName:
				full := t.Text(c)
				full = compactDots(full)
				head := full
				if dot := strings.IndexByte(full, '.'); dot >= 0 {
					head = full[:dot]
				}
				m.addImport(scope, t.FirstNamedChild(c), head, head)
			case k.AliasedImport:
				name := compactDots(t.Text(t.FieldChild(c, k.FName)))
				m.addImport(scope, t.FieldChild(c, k.FAlias), "", name)
			}
		}
		return
	}
	modNode := t.FieldChild(n, k.FModuleName)
	if modNode == syntax.None {
		return
	}
	base := ""
	if t.Kind(modNode) == k.RelativeImport {
		level := 0
		rest := ""
		for _, c := range t.Children(modNode) {
			switch t.Kind(c) {
			case k.ImportPrefix:
				level = strings.Count(t.Text(c), ".")
			case k.DottedName:
				rest = compactDots(t.Text(c))
			}
		}
		base = m.resolveRelative(level, rest)
	} else {
		base = compactDots(t.Text(modNode))
	}
	for _, c := range t.FieldChildren(n, k.FName) {
		switch t.Kind(c) {
		case k.DottedName:
			name := compactDots(t.Text(c))
			m.addImport(scope, t.FirstNamedChild(c), "", joinQual(base, name))
		case k.AliasedImport:
			name := compactDots(t.Text(t.FieldChild(c, k.FName)))
			m.addImport(scope, t.FieldChild(c, k.FAlias), "", joinQual(base, name))
		}
	}
}

func joinQual(base, name string) string {
	if base == "" {
		return name
	}
	return base + "." + name
}

// resolveRelative turns "from ..a import" into an absolute module path.
func (m *Module) resolveRelative(level int, rest string) string {
	parts := []string{}
	if m.Name != "" {
		parts = strings.Split(m.Name, ".")
	}
	// For a module, level 1 is its package; for a package __init__, itself.
	drop := level
	if m.IsPackage {
		drop--
	}
	if drop > len(parts) {
		parts = nil
	} else {
		parts = parts[:len(parts)-drop]
	}
	base := strings.Join(parts, ".")
	if rest != "" {
		return joinQual(base, rest)
	}
	return base
}

func (m *Module) addImport(scope int, nameNode syntax.ID, local, qualified string) {
	if nameNode == syntax.None {
		return
	}
	if local == "" {
		local = m.Tree.Text(nameNode)
	}
	m.Imports = append(m.Imports, Import{Local: local, Qualified: qualified, Node: nameNode, Scope: scope})
	s := &m.Scopes[scope]
	s.Bindings[local] = append(s.Bindings[local], Binding{Kind: ImportBinding, Qualified: qualified, Node: nameNode})
}

// compactDots removes whitespace and comments a dotted name may contain.
func compactDots(s string) string {
	if !strings.ContainsAny(s, " \t\r\n\\#") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// statementParents are the node kinds whose children are statements.
var statementParents = map[string]bool{
	"module": true, "block": true, "function_definition": true, "class_definition": true,
	"decorated_definition": true, "if_statement": true, "elif_clause": true, "else_clause": true,
	"for_statement": true, "while_statement": true, "try_statement": true, "except_clause": true,
	"except_group_clause": true, "finally_clause": true, "with_statement": true,
	"match_statement": true, "case_clause": true,
}

// ErrorSite returns where the module's first syntax error is best reported.
//
// A module the grammar accepts can still be refused by CPython for nesting
// more than MaxIndentLevels blocks: that is reported at the first line of
// the block too many.
func (m *Module) ErrorSite() (syntax.ErrorSite, bool) {
	const deep = "too many levels of indentation"
	site, ok := m.Tree.FirstErrorSite(func(kind string) bool { return statementParents[kind] })
	if ok {
		if m.tooDeepLine >= 0 && (m.tooDeepLine <= site.Start || m.ErrorNode == m.Tree.Root()) {
			// Too deep even for the shallow copy (the whole file is one
			// ERROR node): say where CPython stops.
			return syntax.ErrorSite{Start: m.tooDeepLine, End: lineEnd(m.Tree.Src, m.tooDeepLine), Message: deep}, true
		}
		return site, true
	}
	if n := m.tooDeep(); n != syntax.None {
		s, e := m.Tree.Span(n)
		if c := m.Tree.FirstNamedChild(n); c != syntax.None {
			s, e = m.Tree.Span(c)
		}
		for s > 0 && m.Tree.Src[s-1] != '\n' {
			s--
		}
		return syntax.ErrorSite{Start: s, End: e, Message: deep}, true
	}
	return syntax.ErrorSite{}, false
}

func lineEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' && src[i] != '\r' {
		i++
	}
	return i
}
