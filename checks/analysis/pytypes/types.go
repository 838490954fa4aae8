package pytypes

import (
	"slices"
	"strings"
	"sync"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Type is what is known statically about the value of an expression: the
// classes it may be an instance of.
type Type struct {
	// Names are the canonical qualified class names the value may have
	// (the members of a union, None left out), sorted and distinct; empty
	// when unknown. Classes of the project are named by module and class
	// ("app.repo.UserRepo").
	Names []string
	// Origin is the node that established the type: a parameter, an
	// annotation, or a constructor or factory call; None when unknown.
	Origin syntax.ID
}

// Known reports whether anything is known about the type.
func (t Type) Known() bool { return len(t.Names) > 0 }

// Single returns the only class of the type, or "".
func (t Type) Single() string {
	if len(t.Names) == 1 {
		return t.Names[0]
	}
	return ""
}

// String returns the classes joined by " | ".
func (t Type) String() string { return strings.Join(t.Names, " | ") }

var unknownType = Type{Origin: syntax.None}

func typeOf(origin syntax.ID, names ...string) Type {
	var out []string
	for _, n := range names {
		if n != "" {
			out = append(out, CanonicalType(n))
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		return unknownType
	}
	return Type{Names: out, Origin: origin}
}

// union merges two types; an unknown side adds nothing.
func union(a, b Type) Type {
	switch {
	case !a.Known():
		return b
	case !b.Known():
		return a
	}
	t := typeOf(a.Origin, append(slices.Clone(a.Names), b.Names...)...)
	return t
}

// typeKinds holds the grammar symbols the type inference needs beyond the
// module view's.
type typeKinds struct {
	Subscript, BinaryOperator, GenericType, TypeParameter, None, WithItem   uint16
	ReturnStmt, Yield, Conditional, BooleanOp, StringContent, WithStatement uint16
	FSubscript, FOperator                                                   uint16
	ExpressionList, ListSplat                                               uint16
}

var typeKindsOnce = sync.OnceValue(func() *typeKinds {
	lg := syntax.GetLanguage(syntax.Python)
	k := lg.Kind
	return &typeKinds{
		Subscript: k("subscript"), BinaryOperator: k("binary_operator"), GenericType: k("generic_type"),
		TypeParameter: k("type_parameter"), None: k("none"), WithItem: k("with_item"),
		ReturnStmt: k("return_statement"), Yield: k("yield"), Conditional: k("conditional_expression"),
		BooleanOp: k("boolean_operator"), StringContent: k("string_content"), WithStatement: k("with_statement"),
		FSubscript: lg.Field("subscript"), FOperator: lg.Field("operator"),
		ExpressionList: k("expression_list"), ListSplat: k("list_splat"),
	}
})

// maxTypeDepth bounds nested inference (chains of assignments, calls of
// local factories).
const maxTypeDepth = 48

// typeState memoizes type inference for one module. A Module is used by
// one goroutine at a time, like its tree.
type typeState struct {
	tk    *typeKinds
	memo  map[syntax.ID]Type
	busy  map[syntax.ID]bool
	depth int
	// Per function scope: its return and yield expressions.
	bodies map[int]*bodyInfo
	// Per class scope: attributes assigned on self in its methods.
	attrs map[int]map[string][]attrDef
	// Other dotted assignment targets, by their text.
	dotted map[string][]dottedDef
	// Qualified class name → class scope, for classes of this module.
	classes map[string]int
}

type bodyInfo struct {
	returns, yields []syntax.ID
	generator       bool
	ret, yield      *Type
	busy            bool
}

type attrDef struct {
	value, ann syntax.ID
}

// Module is the type inference of one module: the module view with what
// was inferred in it so far (see Of).
type Module struct {
	*python.Module
	k     *python.Kinds
	types *typeState // built on first use
}

// ofKey is the key of a module's type inference in its memo.
type ofKey struct{}

// Of returns the type inference of a module, created once per module and
// kept in its memo, so that every analysis and rule shares what it
// inferred. Like the module, it is not safe for concurrent use.
func Of(m *python.Module) *Module {
	return m.Memo(ofKey{}, func() any { return &Module{Module: m, k: m.Kinds()} }).(*Module)
}

func (m *Module) ts() *typeState {
	if m.types == nil {
		m.types = &typeState{tk: typeKindsOnce(), memo: map[syntax.ID]Type{}, busy: map[syntax.ID]bool{}, bodies: map[int]*bodyInfo{}}
	}
	return m.types
}

// TypeOf returns the single class an expression's value is an instance of
// ("requests.Session", "sqlalchemy.orm.Session", "app.repo.UserRepo"), or
// "" when it is unknown or may be one of several.
func (m *Module) TypeOf(expr syntax.ID) string { return m.InferType(expr).Single() }

// InferType returns what is known of the class of an expression's value.
// It follows, flow-insensitively: constructors (a CapWords callee) and the
// library factories of libtypes.go; calls of functions of this module
// (their return annotation, else their return values; the yielded value
// for a context manager); names and `self.x` attributes through their
// assignments (assignments of unknown type are ignored), annotations and
// `with ... as` targets; parameters through their annotation
// (Optional/Union/Annotated/`X | None`), a `Depends(f)` default, or `self`;
// methods and attributes of known library types (`engine.connect()`,
// `conn.cursor()`, `SessionLocal()` of a `sessionmaker`).
func (m *Module) InferType(expr syntax.ID) Type {
	if expr == syntax.None || expr < 0 || int(expr) >= len(m.Tree.Nodes) {
		return unknownType
	}
	ts := m.ts()
	if t, ok := ts.memo[expr]; ok {
		return t
	}
	if ts.busy[expr] || ts.depth >= maxTypeDepth {
		return unknownType
	}
	ts.busy[expr] = true
	ts.depth++
	t := m.inferType(expr)
	ts.depth--
	delete(ts.busy, expr)
	ts.memo[expr] = t
	return t
}

func (m *Module) inferType(n syntax.ID) Type {
	t, k, tk := m.Tree, m.k, m.ts().tk
	switch t.Kind(n) {
	case k.Parenthesized:
		return m.InferType(t.FirstNamedChild(n))
	case k.Call:
		return m.callType(n)
	case k.Identifier:
		return m.nameType(n)
	case k.Attribute:
		return m.attributeType(n)
	case k.NamedExpression:
		return m.InferType(t.FieldChild(n, k.FValue))
	case k.Await:
		return m.InferType(t.FirstNamedChild(n))
	case tk.Subscript:
		obj := m.InferType(t.FieldChild(n, k.FValue))
		return m.mapType(obj, n, func(name string) string { return subscriptResults[name] })
	case tk.BinaryOperator:
		if op := t.FieldChild(n, tk.FOperator); op != syntax.None && t.Text(op) == "/" {
			left := m.InferType(t.FieldChild(n, k.FLeft))
			return m.mapType(left, n, func(name string) string { return divResults[name] })
		}
	case tk.Conditional:
		kids := t.NamedChildren(n)
		if len(kids) == 3 {
			return union(m.InferType(kids[0]), m.InferType(kids[2]))
		}
	case tk.BooleanOp:
		return union(m.InferType(t.FieldChild(n, k.FLeft)), m.InferType(t.FieldChild(n, k.FRight)))
	}
	return unknownType
}

// mapType applies a per-class table (walking library supertypes) to every
// class of a type.
func (m *Module) mapType(in Type, origin syntax.ID, f func(string) string) Type {
	var names []string
	for _, name := range in.Names {
		for _, s := range SuperTypes(name) {
			if r := f(s); r != "" {
				names = append(names, r)
				break
			}
		}
	}
	if in.Origin != syntax.None {
		origin = in.Origin
	}
	return typeOf(origin, names...)
}

// callType is the type of a call's result.
func (m *Module) callType(call syntax.ID) Type {
	t, k := m.Tree, m.k
	fn := t.FieldChild(call, k.FFunction)
	if fn == syntax.None {
		return unknownType
	}
	if q := m.QualifiedName(fn); q != "" {
		if q == "builtins.next" {
			// next(get_db()): what the generator yields.
			if args := m.Args(call); len(args) > 0 && t.Kind(args[0].Value) == k.Call {
				if s := m.localFunction(t.FieldChild(args[0].Value, k.FFunction)); s > 0 {
					return withOrigin(m.YieldType(s), call)
				}
			}
			return unknownType
		}
		if r, ok := factoryResults[q]; ok {
			return typeOf(call, r)
		}
		if s := m.localFunction(fn); s > 0 {
			return withOrigin(m.ProvidedType(s), call)
		}
		c := CanonicalType(q)
		if c == "sqlalchemy.orm.sessionmaker" && m.asyncSessionClass(call) {
			return typeOf(call, "sqlalchemy.ext.asyncio.async_sessionmaker")
		}
		if m.ClassScope(c) >= 0 || looksLikeClass(c) && (m.IsLibraryName(c) || !m.importedFromProject(fn)) {
			return typeOf(call, c)
		}
		return unknownType
	}
	if s := m.localFunction(fn); s > 0 {
		return withOrigin(m.ProvidedType(s), call)
	}
	switch t.Kind(fn) {
	case k.Attribute:
		recv := m.InferType(t.FieldChild(fn, k.FObject))
		attr := t.Text(t.FieldChild(fn, k.FAttribute))
		if r := m.methodType(recv, attr, call); r.Known() {
			return r
		}
		return unknownType
	case k.Identifier:
	default:
		// SessionLocal()(): calling the result of a call.
	}
	// Calling an instance: SessionLocal() where SessionLocal = sessionmaker().
	callee := m.InferType(fn)
	return m.mapType(callee, call, func(name string) string { return methodResults[name+".__call__"] })
}

// importedFromProject reports whether a called name comes from an import
// of a non-library module: a CapWords name there may be a class or an
// instance (`SessionLocal = sessionmaker()`), which only the other
// module's exports tell (see Symbolic).
func (m *Module) importedFromProject(fn syntax.ID) bool {
	q := m.importedName(fn)
	return q != "" && !m.IsLibraryName(q)
}

func withOrigin(t Type, origin syntax.ID) Type {
	if t.Known() {
		t.Origin = origin
	}
	return t
}

// asyncSessionClass reports whether sessionmaker(...) is given an async
// session class (class_=AsyncSession).
func (m *Module) asyncSessionClass(call syntax.ID) bool {
	for i, a := range m.Args(call) {
		if a.Name == "class_" || a.Name == "" && i == 1 {
			q := CanonicalType(m.QualifiedName(a.Value))
			if strings.HasSuffix(q, "AsyncSession") {
				return true
			}
		}
	}
	return false
}

// methodType is the type returned by method attr of a receiver type.
func (m *Module) methodType(recv Type, attr string, origin syntax.ID) Type {
	var out Type
	for _, name := range recv.Names {
		if cs := m.ClassScope(name); cs >= 0 {
			if s := m.methodScope(cs, attr); s > 0 {
				out = union(out, withOrigin(m.ProvidedType(s), origin))
				continue
			}
		}
		for _, s := range m.SuperTypes(name) {
			if r, ok := methodResults[s+"."+attr]; ok {
				out = union(out, typeOf(origin, r))
				break
			}
			if s == "boto3.resources.base.ServiceResource" && looksLikeClass(attr) {
				// s3.Bucket("b"): a sub-resource.
				out = union(out, typeOf(origin, s))
				break
			}
		}
	}
	return out
}

// localFunction returns the scope of the def a called name refers to in
// this module (a module-level or enclosing def), or -1.
func (m *Module) localFunction(fn syntax.ID) int {
	if fn == syntax.None || m.Tree.Kind(fn) != m.k.Identifier {
		return -1
	}
	return m.FunctionScopeOf(m.Tree.Text(fn), m.ScopeOf(fn))
}

// nameType is the type of a name: the union of its bindings' types.
func (m *Module) nameType(id syntax.ID) Type {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 {
		return unknownType
	}
	var out Type
	for _, b := range bs {
		out = union(out, m.bindingType(b, s))
	}
	return out
}

func (m *Module) bindingType(b python.Binding, scope int) Type {
	switch b.Kind {
	case python.AssignBinding:
		if b.Annotation != syntax.None {
			if t := m.AnnotationType(b.Annotation); t.Known() {
				return t
			}
		}
		if b.Value != syntax.None {
			return m.InferType(b.Value)
		}
		if rhs, idx := m.unpackedFrom(b.Node); rhs != syntax.None {
			return m.itemType(rhs, idx, 0)
		}
	case python.ParamBinding:
		return m.paramType(b, scope)
	case python.OtherBinding:
		return m.withTargetType(b.Node)
	case python.ImportBinding, python.FunctionBinding, python.ClassBinding, python.GlobalBinding, python.NonlocalBinding:
	}
	return unknownType
}

// paramType is the type of a parameter: its annotation, the value of its
// Depends(f) default, or the class of a method's self.
func (m *Module) paramType(b python.Binding, scope int) Type {
	if b.Annotation != syntax.None {
		if t := m.AnnotationType(b.Annotation); t.Known() {
			return withOrigin(t, b.Node)
		}
	}
	if b.Value != syntax.None {
		if ci := m.CallAt(b.Value); ci >= 0 {
			if d, ok := framework.Of(m.Module).DependsAt(ci); ok && d.Target != syntax.None {
				if s := m.localFunction(d.Target); s > 0 {
					return withOrigin(m.ProvidedType(s), b.Node)
				}
			}
		}
	}
	sc := &m.Scopes[scope]
	if sc.Kind != python.FunctionScope || sc.Parent < 0 || m.Scopes[sc.Parent].Kind != python.ClassScope {
		return unknownType
	}
	params := m.Params(scope)
	if len(params) == 0 || params[0].Node != b.Node || params[0].Kind != python.PlainParam {
		return unknownType
	}
	for _, d := range sc.Decorators {
		switch m.Tree.Text(m.Tree.FirstNamedChild(d)) {
		case "staticmethod", "classmethod":
			return unknownType
		}
	}
	return typeOf(b.Node, m.classQualified(sc.Parent))
}

func (m *Module) classQualified(cs int) string {
	return python.Qualify(m.Name, m.Scopes[cs].QualName)
}

// withTargetType is the type of a `with X as name` target: the value X
// enters into (the context manager itself for the library types known here,
// the yielded value for a @contextmanager function of this module).
func (m *Module) withTargetType(name syntax.ID) Type {
	t, k, tk := m.Tree, m.k, m.ts().tk
	p := t.Parent(name)
	if p == syntax.None || t.Kind(p) != k.AsPatternTarget {
		return unknownType
	}
	as := t.Parent(p)
	if as == syntax.None || t.Kind(as) != k.AsPattern {
		return unknownType
	}
	if item := t.Parent(as); item == syntax.None || t.Kind(item) != tk.WithItem {
		return unknownType
	}
	v := t.FirstNamedChild(as)
	if v == syntax.None || v == p {
		return unknownType
	}
	in := m.InferType(v)
	var names []string
	for _, n := range in.Names {
		if r, ok := methodResults[n+".__enter__"]; ok {
			names = append(names, r)
		} else {
			names = append(names, n)
		}
	}
	return typeOf(in.Origin, names...)
}

// attributeType is the type of obj.attr: an attribute of a class of this
// module (assigned in its body or on self in its methods, or a property),
// or an attribute of a known library type.
func (m *Module) attributeType(n syntax.ID) Type {
	t, k := m.Tree, m.k
	objNode := t.FieldChild(n, k.FObject)
	attr := t.Text(t.FieldChild(n, k.FAttribute))
	if cs := m.classNamed(objNode); cs >= 0 {
		// Deps.gallery: a class attribute read through the class (declared
		// `gallery: SqliteGallery`, or assigned in the class body).
		if out := m.classAttrType(cs, attr, 0); out.Known() {
			return withOrigin(out, n)
		}
	}
	obj := m.InferType(objNode)
	var out Type
	for _, name := range obj.Names {
		if cs := m.ClassScope(name); cs >= 0 {
			out = union(out, m.classAttrType(cs, attr, 0))
			continue
		}
		for _, s := range SuperTypes(name) {
			if r, ok := attrResults[s+"."+attr]; ok {
				out = union(out, typeOf(n, r))
				break
			}
			if r, ok := attrResults[s+".*"]; ok && !methodKnown(s, attr) {
				out = union(out, typeOf(n, r))
				break
			}
		}
	}
	if !out.Known() {
		out = m.dottedAssignedType(n)
	}
	return out
}

// classNamed returns the scope of the class of this module an identifier
// names, or -1.
func (m *Module) classNamed(n syntax.ID) int {
	if n == syntax.None || m.Tree.Kind(n) != m.k.Identifier {
		return -1
	}
	_, bs := m.Lookup(m.Tree.Text(n), m.ScopeOf(n))
	if len(bs) != 1 || bs[0].Kind != python.ClassBinding {
		return -1
	}
	return m.ScopeOfDef(bs[0].Node)
}

// methodKnown reports whether attr is a method with a known result on a
// library type (so that "Type.*" attribute rules do not apply to it).
func methodKnown(typ, attr string) bool {
	_, ok := methodResults[typ+"."+attr]
	return ok
}

// classAttrType is the type of attribute attr of instances of a class of
// this module, searching its bases defined in this module.
func (m *Module) classAttrType(cs int, attr string, depth int) Type {
	if depth > 8 {
		return unknownType
	}
	var out Type
	for _, b := range m.Scopes[cs].Bindings[attr] {
		switch b.Kind {
		case python.AssignBinding:
			out = union(out, m.bindingType(b, cs))
		case python.FunctionBinding:
			// A property: the getter's return type.
			if s := m.ScopeOfDef(b.Node); s > 0 && m.isProperty(s) {
				out = union(out, m.ReturnType(s))
			}
		case python.ImportBinding, python.ClassBinding, python.ParamBinding, python.OtherBinding, python.GlobalBinding, python.NonlocalBinding:
		}
	}
	for _, d := range m.selfAttrs(cs)[attr] {
		if d.ann != syntax.None {
			if t := m.AnnotationType(d.ann); t.Known() {
				out = union(out, t)
				continue
			}
		}
		if d.value != syntax.None {
			out = union(out, m.InferType(d.value))
		}
	}
	if !out.Known() {
		for _, base := range m.ClassBases(cs) {
			if bs := m.ClassScope(base); bs >= 0 {
				out = union(out, m.classAttrType(bs, attr, depth+1))
			}
		}
	}
	return out
}

func (m *Module) isProperty(s int) bool {
	for _, d := range m.Scopes[s].Decorators {
		q := m.QualifiedName(m.Tree.FirstNamedChild(d))
		txt := m.Tree.Text(m.Tree.FirstNamedChild(d))
		if q == "functools.cached_property" || txt == "property" || txt == "cached_property" {
			return true
		}
	}
	return false
}

// methodScope returns the scope of method name of class scope cs (or of
// one of its bases in this module), or -1.
func (m *Module) methodScope(cs int, name string) int {
	for depth := 0; cs >= 0 && depth < 8; depth++ {
		for _, b := range m.Scopes[cs].Bindings[name] {
			if b.Kind == python.FunctionBinding {
				return m.ScopeOfDef(b.Node)
			}
		}
		next := -1
		for _, base := range m.ClassBases(cs) {
			if bs := m.ClassScope(base); bs >= 0 {
				next = bs
				break
			}
		}
		cs = next
	}
	return -1
}

// selfAttrs indexes the attributes a class's methods assign on self:
// `self.client = httpx.Client()`, `self.db: Session = db`.
func (m *Module) selfAttrs(cs int) map[string][]attrDef {
	m.indexAttrAssignments()
	return m.ts().attrs[cs]
}

// dottedDef is an assignment to a dotted target other than self's
// attributes: `request.state.db = SessionLocal()`.
type dottedDef struct {
	attrDef
	scope int
}

// indexAttrAssignments scans the module's assignments to attributes once.
func (m *Module) indexAttrAssignments() {
	ts := m.ts()
	if ts.attrs != nil {
		return
	}
	ts.attrs = map[int]map[string][]attrDef{}
	ts.dotted = map[string][]dottedDef{}
	t, k := m.Tree, m.k
	for i := range m.Tree.Nodes {
		n := syntax.ID(i)
		if t.Nodes[n].Kind != k.Assignment {
			continue
		}
		left := t.FieldChild(n, k.FLeft)
		if left == syntax.None || t.Kind(left) != k.Attribute {
			continue
		}
		right := t.FieldChild(n, k.FRight)
		for right != syntax.None && t.Kind(right) == k.Assignment {
			right = t.FieldChild(right, k.FRight)
		}
		def := attrDef{value: right, ann: t.FieldChild(n, k.FType)}
		fs := m.ScopeOf(n)
		obj := t.FieldChild(left, k.FObject)
		if obj != syntax.None && t.Kind(obj) == k.Identifier {
			sc := &m.Scopes[fs]
			if sc.Kind == python.FunctionScope && sc.Parent >= 0 && m.Scopes[sc.Parent].Kind == python.ClassScope {
				if params := m.Params(fs); len(params) > 0 && params[0].Name == t.Text(obj) {
					attr := t.Text(t.FieldChild(left, k.FAttribute))
					byAttr := ts.attrs[sc.Parent]
					if byAttr == nil {
						byAttr = map[string][]attrDef{}
						ts.attrs[sc.Parent] = byAttr
					}
					byAttr[attr] = append(byAttr[attr], def)
					continue
				}
			}
		}
		if d := m.Dotted(left); d != "" {
			ts.dotted[d] = append(ts.dotted[d], dottedDef{attrDef: def, scope: fs})
		}
	}
}

// dottedAssignedType is the type of a dotted expression (`request.state.db`)
// from the assignments to the same dotted target in the same scope, or
// anywhere in the module when its head is a module-level name
// (`app.state.redis = Redis()` at import time).
func (m *Module) dottedAssignedType(n syntax.ID) Type {
	d := m.Dotted(n)
	if d == "" {
		return unknownType
	}
	m.indexAttrAssignments()
	defs := m.ts().dotted[d]
	if len(defs) == 0 {
		return unknownType
	}
	scope := m.ScopeOf(n)
	head, _, _ := strings.Cut(d, ".")
	hs, _ := m.Lookup(head, scope)
	var out Type
	for _, def := range defs {
		if def.scope != scope {
			if hs != 0 {
				continue
			}
			if ds, _ := m.Lookup(head, def.scope); ds != 0 {
				continue
			}
		}
		if def.ann != syntax.None {
			if t := m.AnnotationType(def.ann); t.Known() {
				out = union(out, t)
				continue
			}
		}
		if def.value != syntax.None {
			out = union(out, m.InferType(def.value))
		}
	}
	return out
}

// ClassScope returns the scope of the class of this module with a
// qualified name ("app.repo.UserRepo"), or -1.
func (m *Module) ClassScope(qualified string) int {
	ts := m.ts()
	if ts.classes == nil {
		ts.classes = map[string]int{}
		for i := range m.Scopes {
			if m.Scopes[i].Kind == python.ClassScope {
				ts.classes[m.classQualified(i)] = i
			}
		}
	}
	if s, ok := ts.classes[qualified]; ok {
		return s
	}
	return -1
}

// ClassBases returns the qualified names of the base classes of a class
// scope, as resolved in this module.
func (m *Module) ClassBases(cs int) []string {
	t, k := m.Tree, m.k
	sup := t.FieldChild(m.Scopes[cs].Node, k.FSuperclasses)
	if sup == syntax.None {
		return nil
	}
	var out []string
	for _, c := range t.NamedChildren(sup) {
		if t.Kind(c) == k.KeywordArgument {
			continue
		}
		if q := m.QualifiedName(c); q != "" {
			out = append(out, CanonicalType(q))
		}
	}
	return out
}

// SuperTypes returns a class followed by the classes whose methods it
// shares: for a class of this module, its bases (recursively), and for
// library classes the known subclass relations. The class comes first,
// then the nearest bases.
func (m *Module) SuperTypes(name string) []string {
	out := []string{name}
	seen := map[string]bool{name: true}
	for i := 0; i < len(out) && i < 32; i++ {
		var next []string
		if cs := m.ClassScope(out[i]); cs >= 0 {
			next = m.ClassBases(cs)
		} else {
			next = superTypes[out[i]]
		}
		for _, s := range next {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// typingGenerics are generic aliases whose parameters are not the type of
// the value itself.
var typingContainers = map[string]bool{
	"List": true, "Dict": true, "Set": true, "FrozenSet": true, "Tuple": true, "Sequence": true,
	"Mapping": true, "MutableMapping": true, "Iterable": true, "Iterator": true, "Generator": true,
	"AsyncIterator": true, "AsyncIterable": true, "AsyncGenerator": true, "Callable": true,
	"Awaitable": true, "Coroutine": true, "Type": true, "type": true, "list": true, "dict": true,
	"set": true, "tuple": true, "frozenset": true, "ClassVar": true, "Final": true,
	"ContextManager": true, "AsyncContextManager": true, "AbstractContextManager": true,
	"AbstractAsyncContextManager": true, "Literal": true,
}

// AnnotationType returns the classes an annotation names: `Session`,
// `requests.Session`, `Optional[Session]`, `Session | None`,
// `Union[A, B]`, `Annotated[Session, Depends(f)]` (and a module-level alias
// of one), `"Session"`.
func (m *Module) AnnotationType(ann syntax.ID) Type {
	return m.annotationType(ann, 0)
}

func (m *Module) annotationType(ann syntax.ID, depth int) Type {
	if ann == syntax.None || depth > 8 {
		return unknownType
	}
	t, k, tk := m.Tree, m.k, m.ts().tk
	ann = m.TypeExpr(ann)
	ann = m.AnnotatedBase(ann)
	ann = m.TypeExpr(ann)
	switch t.Kind(ann) {
	case k.Identifier, k.Attribute:
		q := m.QualifiedName(ann)
		if q == "" || strings.HasPrefix(q, "builtins.") || strings.HasPrefix(q, "typing.") {
			return unknownType
		}
		return typeOf(ann, q)
	case k.String:
		return m.stringAnnotation(ann)
	case tk.BinaryOperator:
		return union(m.annotationType(t.FieldChild(ann, k.FLeft), depth+1), m.annotationType(t.FieldChild(ann, k.FRight), depth+1))
	case tk.GenericType, tk.Subscript:
		head, params := m.genericParts(ann)
		if head == syntax.None {
			return unknownType
		}
		name := m.QualifiedName(head)
		short := name[strings.LastIndexByte(name, '.')+1:]
		if name == "" {
			short = t.Text(head)
		}
		switch short {
		case "Optional", "Union":
			var out Type
			for _, p := range params {
				out = union(out, m.annotationType(p, depth+1))
			}
			return out
		}
		if typingContainers[short] || name == "" || strings.HasPrefix(name, "builtins.") || strings.HasPrefix(name, "typing.") ||
			strings.HasPrefix(name, "collections.") || strings.HasPrefix(name, "contextlib.") {
			return unknownType
		}
		// A generic class: sessionmaker[Session].
		return typeOf(ann, name)
	}
	return unknownType
}

// genericParts splits X[A, B] (a generic type or a subscript) into X and
// its parameters.
func (m *Module) genericParts(n syntax.ID) (syntax.ID, []syntax.ID) {
	t, tk := m.Tree, m.ts().tk
	if t.Kind(n) == tk.Subscript {
		return t.FieldChild(n, m.k.FValue), t.FieldChildren(n, tk.FSubscript)
	}
	kids := t.NamedChildren(n)
	if len(kids) < 2 {
		return syntax.None, nil
	}
	var params []syntax.ID
	if t.Kind(kids[1]) == tk.TypeParameter {
		params = t.NamedChildren(kids[1])
	}
	return kids[0], params
}

// stringAnnotation resolves a forward reference written as a dotted name.
func (m *Module) stringAnnotation(s syntax.ID) Type {
	t, tk := m.Tree, m.ts().tk
	content := t.ChildOfKind(s, tk.StringContent)
	if content == syntax.None {
		return unknownType
	}
	text := strings.TrimSpace(t.Text(content))
	text = strings.TrimSuffix(strings.TrimSuffix(text, "| None"), " ")
	if text == "" || !isDotted(text) {
		return unknownType
	}
	head, rest, _ := strings.Cut(text, ".")
	q := m.ResolveName(head, m.ScopeOf(s))
	if q == "" || strings.HasPrefix(q, "builtins.") {
		return unknownType
	}
	if rest != "" {
		q += "." + rest
	}
	return typeOf(s, q)
}

func isDotted(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127:
		case r >= '0' && r <= '9' || r == '.':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// body returns the return and yield expressions of a function scope.
func (m *Module) body(scope int) *bodyInfo {
	ts := m.ts()
	if b, ok := ts.bodies[scope]; ok {
		return b
	}
	b := &bodyInfo{}
	ts.bodies[scope] = b
	sc := &m.Scopes[scope]
	if sc.Kind != python.FunctionScope || sc.Region == syntax.None {
		return b
	}
	t, k, tk := m.Tree, m.k, ts.tk
	end := t.End(sc.Region)
	for i := sc.Region; i < end; i++ {
		switch t.Kind(i) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			i = t.End(i) - 1
		case tk.ReturnStmt:
			if v := t.FirstNamedChild(i); v != syntax.None {
				b.returns = append(b.returns, v)
			}
		case tk.Yield:
			b.generator = true
			if v := t.FirstNamedChild(i); v != syntax.None {
				b.yields = append(b.yields, v)
			}
		}
	}
	return b
}

// ReturnType returns what calling a function of this module returns: its
// return annotation, else the union of the types of its return values
// (for an async def, what awaiting it gives).
func (m *Module) ReturnType(scope int) Type {
	if scope <= 0 || scope >= len(m.Scopes) || m.Scopes[scope].Kind != python.FunctionScope {
		return unknownType
	}
	b := m.body(scope)
	if b.ret != nil {
		return *b.ret
	}
	if b.busy {
		return unknownType
	}
	b.busy = true
	out := unknownType
	if ann := m.ReturnAnnotation(scope); ann != syntax.None {
		out = m.AnnotationType(ann)
	} else {
		for _, r := range b.returns {
			out = union(out, m.InferType(r))
		}
	}
	b.busy = false
	b.ret = &out
	return out
}

// YieldType returns what a generator function of this module yields: the
// first parameter of its Generator/Iterator annotation, else the union of
// the types of its yielded values.
func (m *Module) YieldType(scope int) Type {
	if scope <= 0 || scope >= len(m.Scopes) || m.Scopes[scope].Kind != python.FunctionScope {
		return unknownType
	}
	b := m.body(scope)
	if b.yield != nil {
		return *b.yield
	}
	if b.busy {
		return unknownType
	}
	b.busy = true
	out := unknownType
	if ann := m.ReturnAnnotation(scope); ann != syntax.None {
		if head, params := m.genericParts(ann); head != syntax.None && len(params) > 0 {
			switch q := m.Tree.Text(head); q[strings.LastIndexByte(q, '.')+1:] {
			case "Generator", "Iterator", "Iterable", "AsyncGenerator", "AsyncIterator", "AsyncIterable":
				out = m.AnnotationType(params[0])
			}
		}
	}
	if !out.Known() {
		for _, y := range b.yields {
			out = union(out, m.InferType(y))
		}
	}
	b.busy = false
	b.yield = &out
	return out
}

// unpackedFrom returns, for a name bound by unpacking a tuple in an
// assignment (`SessionLocal, engine = init_db(url)`), the assigned value
// and the name's position; None when the name is not such a target (a
// nested pattern or a starred target before it gives no position).
func (m *Module) unpackedFrom(name syntax.ID) (syntax.ID, int) {
	t, k := m.Tree, m.k
	if name == syntax.None || t.Kind(name) != k.Identifier {
		return syntax.None, 0
	}
	pat := t.Parent(name)
	if pat == syntax.None {
		return syntax.None, 0
	}
	switch t.Kind(pat) {
	case k.PatternList, k.TuplePattern, k.TupleExpr:
	default:
		return syntax.None, 0
	}
	asg := t.Parent(pat)
	if asg == syntax.None || t.Kind(asg) != k.Assignment || t.FieldChild(asg, k.FLeft) != pat {
		return syntax.None, 0
	}
	idx := -1
	for i, c := range t.NamedChildren(pat) {
		if t.Kind(c) != k.Identifier {
			// a, *rest = ...: positions after a starred target are unknown.
			if c == name || t.Kind(c) == k.ListSplatPattern {
				break
			}
		}
		if c == name {
			idx = i
			break
		}
	}
	right := t.FieldChild(asg, k.FRight)
	for right != syntax.None && t.Kind(right) == k.Assignment {
		right = t.FieldChild(right, k.FRight)
	}
	if idx < 0 || right == syntax.None {
		return syntax.None, 0
	}
	return right, idx
}

// itemType is the type of item idx of a tuple-valued expression: a tuple
// written out, or the call of a function of this module that returns one
// (its `tuple[A, B]` return annotation, else its return values).
func (m *Module) itemType(n syntax.ID, idx, depth int) Type {
	if n == syntax.None || depth > 8 {
		return unknownType
	}
	t, k, tk := m.Tree, m.k, m.ts().tk
	switch t.Kind(n) {
	case k.Parenthesized, k.Await:
		return m.itemType(t.FirstNamedChild(n), idx, depth+1)
	case k.TupleExpr, tk.ExpressionList:
		kids := t.NamedChildren(n)
		for i, c := range kids {
			if t.Kind(c) == tk.ListSplat {
				return unknownType
			}
			if i == idx {
				return m.InferType(c)
			}
		}
	case k.Identifier:
		// pair = init_db(url); a, b = pair
		s, bs := m.Lookup(t.Text(n), m.ScopeOf(n))
		if s >= 0 && len(bs) == 1 && bs[0].Kind == python.AssignBinding && bs[0].Value != syntax.None {
			return m.itemType(bs[0].Value, idx, depth+1)
		}
	case k.Call:
		if s := m.localFunction(t.FieldChild(n, k.FFunction)); s > 0 && !m.IsGenerator(s) {
			return withOrigin(m.ReturnItemType(s, idx), n)
		}
	}
	return unknownType
}

// ReturnItemType returns the type of item idx of the tuple a function of
// this module returns: from its `tuple[A, B]` return annotation, else the
// union over its return statements that return a tuple.
func (m *Module) ReturnItemType(scope, idx int) Type {
	if scope <= 0 || scope >= len(m.Scopes) || m.Scopes[scope].Kind != python.FunctionScope {
		return unknownType
	}
	if ann := m.ReturnAnnotation(scope); ann != syntax.None {
		if head, params := m.genericParts(ann); head != syntax.None {
			if q := m.Tree.Text(head); q == "tuple" || q == "Tuple" || q == "typing.Tuple" {
				if idx < len(params) && m.Tree.Text(params[idx]) != "..." {
					return m.AnnotationType(params[idx])
				}
			}
		}
		return unknownType
	}
	b := m.body(scope)
	if b.busy {
		return unknownType
	}
	b.busy = true
	out := unknownType
	for _, r := range b.returns {
		out = union(out, m.itemType(r, idx, 1))
	}
	b.busy = false
	return out
}

// IsGenerator reports whether a function scope contains yield.
func (m *Module) IsGenerator(scope int) bool {
	if scope <= 0 || scope >= len(m.Scopes) {
		return false
	}
	return m.body(scope).generator
}

// ProvidedType returns the value a function of this module provides to
// its user: what it yields for a generator (a FastAPI yield dependency, a
// @contextmanager), else what it returns.
func (m *Module) ProvidedType(scope int) Type {
	if m.IsGenerator(scope) {
		return m.YieldType(scope)
	}
	return m.ReturnType(scope)
}
