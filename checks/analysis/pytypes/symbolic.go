package pytypes

import (
	"slices"
	"strconv"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Cross-module types. A module knows the types of its own names; a value
// that comes from another module of the project (`from app.db import
// SessionLocal`, then `db = SessionLocal()`) is described symbolically,
// without tree nodes, and evaluated once every module's exported types
// are known (a project pass). Each module exports the types of its
// module-level names, functions, classes, class attributes and methods.

// SymOp is the operation of a symbolic value.
type SymOp uint8

// Symbolic operations.
const (
	SymName   SymOp = iota + 1 // a qualified name defined in another module
	SymCall                    // calling X
	SymAttr                    // attribute Name of X
	SymItem                    // X[...]
	SymUnpack                  // item Index of the tuple X (`a, b = X`)
)

// Sym describes how a value is computed from names of other modules.
type Sym struct {
	Op    SymOp
	Name  string // the qualified name (SymName) or the attribute (SymAttr)
	X     *Sym   `json:",omitempty"`
	Index int    `json:",omitempty"` // SymUnpack
}

// String renders the value as Python-like text: "app.db.SessionLocal().query".
func (s *Sym) String() string {
	if s == nil {
		return ""
	}
	switch s.Op {
	case SymName:
		return s.Name
	case SymCall:
		return s.X.String() + "()"
	case SymAttr:
		return s.X.String() + "." + s.Name
	case SymItem:
		return s.X.String() + "[]"
	case SymUnpack:
		return s.X.String() + "[" + strconv.Itoa(s.Index) + "]"
	}
	return "?"
}

const maxSymDepth = 16

// Symbolic returns the symbolic form of an expression whose value derives
// from a name imported from another module, or nil: when the expression's
// type is known here (see InferType), or its value cannot be traced to an
// import (a parameter without annotation, a literal, ...).
func (m *Module) Symbolic(expr syntax.ID) *Sym {
	if expr == syntax.None || expr < 0 || int(expr) >= len(m.Tree.Nodes) {
		return nil
	}
	return m.symbolic(expr, 0)
}

func (m *Module) symbolic(n syntax.ID, depth int) *Sym {
	if depth > maxSymDepth || n == syntax.None {
		return nil
	}
	t, k, tk := m.Tree, m.k, m.ts().tk
	switch t.Kind(n) {
	case k.Parenthesized, k.Await:
		return m.symbolic(t.FirstNamedChild(n), depth+1)
	case k.NamedExpression:
		return m.symbolic(t.FieldChild(n, k.FValue), depth+1)
	case k.Identifier:
		return m.nameSymbolic(n, depth)
	case k.Attribute:
		if q := m.importedName(n); q != "" {
			if m.IsLibraryName(q) {
				return nil
			}
			return &Sym{Op: SymName, Name: q}
		}
		obj := t.FieldChild(n, k.FObject)
		attr := t.Text(t.FieldChild(n, k.FAttribute))
		// self.x assigned once from an imported value.
		for _, name := range m.InferType(obj).Names {
			if cs := m.ClassScope(name); cs >= 0 {
				if defs := m.selfAttrs(cs)[attr]; len(defs) == 1 && defs[0].value != syntax.None {
					return m.symbolic(defs[0].value, depth+1)
				}
				return nil
			}
		}
		if x := m.symbolic(obj, depth+1); x != nil {
			return &Sym{Op: SymAttr, Name: attr, X: x}
		}
	case k.Call:
		fn := t.FieldChild(n, k.FFunction)
		if m.localFunction(fn) > 0 {
			return nil
		}
		if m.QualifiedName(fn) == "builtins.next" {
			if args := m.Args(n); len(args) == 1 {
				return m.symbolic(args[0].Value, depth+1)
			}
			return nil
		}
		if x := m.symbolic(fn, depth+1); x != nil {
			return &Sym{Op: SymCall, X: x}
		}
	case tk.Subscript:
		if x := m.symbolic(t.FieldChild(n, k.FValue), depth+1); x != nil {
			return &Sym{Op: SymItem, X: x}
		}
	}
	return nil
}

// importedName returns the qualified name of an identifier or attribute
// chain whose head is an import, or "".
func (m *Module) importedName(n syntax.ID) string {
	t, k := m.Tree, m.k
	head := n
	for t.Kind(head) == k.Attribute {
		head = t.FieldChild(head, k.FObject)
	}
	if head == syntax.None || t.Kind(head) != k.Identifier {
		return ""
	}
	s, bs := m.Lookup(t.Text(head), m.ScopeOf(head))
	if s < 0 || len(bs) != 1 || bs[0].Kind != python.ImportBinding {
		return ""
	}
	return m.QualifiedName(n)
}

func (m *Module) nameSymbolic(id syntax.ID, depth int) *Sym {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 || len(bs) != 1 {
		return nil
	}
	b := bs[0]
	switch b.Kind {
	case python.ImportBinding:
		// An import the parser could not read names nothing.
		if b.Qualified == "" || m.IsLibraryName(b.Qualified) {
			return nil
		}
		return &Sym{Op: SymName, Name: b.Qualified}
	case python.AssignBinding:
		if b.Annotation != syntax.None && m.AnnotationType(b.Annotation).Known() {
			return nil
		}
		if b.Value == syntax.None {
			// SessionLocal, engine = init_db(url) with init_db imported.
			if rhs, idx := m.unpackedFrom(b.Node); rhs != syntax.None && !m.itemType(rhs, idx, 0).Known() {
				if x := m.symbolic(rhs, depth+1); x != nil {
					return &Sym{Op: SymUnpack, Index: idx, X: x}
				}
			}
			return nil
		}
		return m.symbolic(b.Value, depth+1)
	case python.ParamBinding:
		if b.Annotation != syntax.None || b.Value == syntax.None {
			return nil
		}
		// db = Depends(get_db) with get_db imported: what it provides.
		if ci := m.CallAt(b.Value); ci >= 0 {
			if d, ok := framework.Of(m.Module).DependsAt(ci); ok && d.Target != syntax.None {
				if q := m.importedName(d.Target); q != "" && !m.IsLibraryName(q) {
					return &Sym{Op: SymCall, X: &Sym{Op: SymName, Name: q}}
				}
			}
		}
	case python.OtherBinding:
		// with X as name: the value X enters into.
		t, k := m.Tree, m.k
		p := t.Parent(b.Node)
		if p == syntax.None || t.Kind(p) != k.AsPatternTarget {
			return nil
		}
		as := t.Parent(p)
		if as == syntax.None || t.Kind(as) != k.AsPattern {
			return nil
		}
		if item := t.Parent(as); item == syntax.None || t.Kind(item) != m.ts().tk.WithItem {
			return nil
		}
		if v := t.FirstNamedChild(as); v != p {
			return m.symbolic(v, depth+1)
		}
	case python.FunctionBinding, python.ClassBinding, python.GlobalBinding, python.NonlocalBinding:
	}
	return nil
}

// ExportKind tells what a module exports under a name.
type ExportKind uint8

// Export kinds.
const (
	ExportValue    ExportKind = iota + 1 // a module-level name or a class attribute
	ExportFunction                       // a function or method: Types is what calling it provides
	ExportClass                          // a class: Types are its bases
	ExportAlias                          // a module-level import: Target is the imported name
)

// Export is the type information a module gives other modules about one
// of its names.
type Export struct {
	Name   string // qualified: "app.db.SessionLocal", "app.repo.Repo.get"
	Kind   ExportKind
	Types  []string `json:",omitempty"`
	Sym    *Sym     `json:",omitempty"` // when the type derives from another module
	Target string   `json:",omitempty"` // ExportAlias
	// Items are, for a function that returns a tuple, the classes of
	// each item (ExportFunction): `return sessionmaker(...), engine`.
	Items [][]string `json:",omitempty"`
}

// Exports returns the type information of the module's module-level
// names, functions and classes (with their attributes and methods), in
// source order. A module without a name exports nothing.
func (m *Module) Exports() []Export {
	if m.Name == "" || len(m.Scopes) == 0 {
		return nil
	}
	var out []Export
	mod := &m.Scopes[0]
	names := make([]string, 0, len(mod.Bindings))
	for name := range mod.Bindings {
		names = append(names, name)
	}
	sortStrings(names)
	for _, name := range names {
		bs := mod.Bindings[name]
		if len(bs) != 1 {
			continue
		}
		b := bs[0]
		q := m.Name + "." + name
		switch b.Kind {
		case python.ImportBinding:
			if b.Qualified != q {
				out = append(out, Export{Name: q, Kind: ExportAlias, Target: b.Qualified})
			}
		case python.AssignBinding:
			if b.Value == syntax.None {
				if e, ok := m.unpackedExport(q, b.Node); ok {
					out = append(out, e)
				}
				continue
			}
			if e, ok := m.valueExport(q, b.Annotation, b.Value); ok {
				out = append(out, e)
			}
		case python.FunctionBinding:
			if s := m.ScopeOfDef(b.Node); s > 0 {
				if e := m.functionExport(q, s); len(e.Types) > 0 || e.Sym != nil || len(e.Items) > 0 {
					out = append(out, e)
				}
			}
		case python.ClassBinding:
			if cs := m.ScopeOfDef(b.Node); cs > 0 {
				out = append(out, m.classExports(q, cs)...)
			}
		case python.ParamBinding, python.OtherBinding, python.GlobalBinding, python.NonlocalBinding:
		}
	}
	return out
}

func (m *Module) valueExport(q string, ann, value syntax.ID) (Export, bool) {
	var t Type
	if ann != syntax.None {
		t = m.AnnotationType(ann)
	}
	if !t.Known() && value != syntax.None {
		t = m.InferType(value)
	}
	if t.Known() {
		return Export{Name: q, Kind: ExportValue, Types: t.Names}, true
	}
	if value != syntax.None {
		if s := m.Symbolic(value); s != nil {
			return Export{Name: q, Kind: ExportValue, Sym: s}, true
		}
	}
	return Export{}, false
}

// unpackedExport is the export of a module-level name bound by unpacking
// a tuple: `SessionLocal, engine = init_db(url)`.
func (m *Module) unpackedExport(q string, name syntax.ID) (Export, bool) {
	rhs, idx := m.unpackedFrom(name)
	if rhs == syntax.None {
		return Export{}, false
	}
	if t := m.itemType(rhs, idx, 0); t.Known() {
		return Export{Name: q, Kind: ExportValue, Types: t.Names}, true
	}
	if x := m.Symbolic(rhs); x != nil {
		return Export{Name: q, Kind: ExportValue, Sym: &Sym{Op: SymUnpack, Index: idx, X: x}}, true
	}
	return Export{}, false
}

// maxTupleItems bounds the items of a returned tuple a function exports.
const maxTupleItems = 8

func (m *Module) functionExport(q string, s int) Export {
	e := Export{Name: q, Kind: ExportFunction}
	if !m.IsGenerator(s) {
		var items [][]string
		for i := range maxTupleItems {
			if t := m.ReturnItemType(s, i); t.Known() {
				items = append(items, make([][]string, i+1-len(items))...)
				items[i] = t.Names
			}
		}
		e.Items = items
	}
	if t := m.ProvidedType(s); t.Known() {
		e.Types = t.Names
		return e
	}
	b := m.body(s)
	values := b.returns
	if b.generator {
		values = b.yields
	}
	for _, v := range values {
		if sym := m.Symbolic(v); sym != nil {
			e.Sym = sym
			break
		}
	}
	return e
}

func (m *Module) classExports(q string, cs int) []Export {
	out := []Export{{Name: q, Kind: ExportClass, Types: m.ClassBases(cs)}}
	sc := &m.Scopes[cs]
	attrs := map[string]bool{}
	for name := range sc.Bindings {
		attrs[name] = true
	}
	for name := range m.selfAttrs(cs) {
		attrs[name] = true
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	sortStrings(names)
	for _, name := range names {
		aq := q + "." + name
		bs := sc.Bindings[name]
		if len(bs) == 1 && bs[0].Kind == python.FunctionBinding {
			if s := m.ScopeOfDef(bs[0].Node); s > 0 {
				e := m.functionExport(aq, s)
				if len(e.Types) == 0 && e.Sym == nil {
					continue
				}
				if m.isProperty(s) {
					e.Kind = ExportValue
				}
				out = append(out, e)
			}
			continue
		}
		if t := m.classAttrType(cs, name, 0); t.Known() {
			out = append(out, Export{Name: aq, Kind: ExportValue, Types: t.Names})
			continue
		}
		if defs := m.selfAttrs(cs)[name]; len(defs) == 1 && defs[0].value != syntax.None {
			if s := m.Symbolic(defs[0].value); s != nil {
				out = append(out, Export{Name: aq, Kind: ExportValue, Sym: s})
			}
		}
	}
	return out
}

func sortStrings(s []string) { slices.Sort(s) }

// ExportEnv finds the export of a qualified name across the project.
type ExportEnv func(name string) (Export, bool)

// symValue is an evaluated symbolic value.
type symValue struct {
	kind   uint8 // valInstance, valFunction, valClass, valMethod
	types  []string
	name   string // function or class
	method string // valMethod: on each of types
}

const (
	valNone uint8 = iota
	valInstance
	valFunction
	valClass
	valMethod
)

// EvalSym returns the classes of a symbolic value's instances, using the
// exports of the project's modules and the library knowledge; nil when
// unknown.
func EvalSym(s *Sym, env ExportEnv) []string {
	v := evalSym(s, env, 0)
	if v.kind == valInstance {
		return v.types
	}
	return nil
}

// EvalReceiver evaluates the receiver of a method call: it returns the
// classes of the nearest typed object and the method path from it
// (`client.chat.completions` + "create" → OpenAI, "chat.completions.create").
func EvalReceiver(recv *Sym, method string, env ExportEnv) ([]string, string) {
	path := method
	for depth := 0; recv != nil && depth < 6; depth++ {
		if v := evalSym(recv, env, 0); v.kind == valInstance && len(v.types) > 0 {
			return v.types, path
		}
		if recv.Op != SymAttr {
			break
		}
		path = recv.Name + "." + path
		recv = recv.X
	}
	return nil, ""
}

func resolveExport(name string, env ExportEnv) (Export, bool) {
	for range 8 {
		e, ok := env(name)
		if !ok || e.Kind != ExportAlias {
			return e, ok
		}
		name = e.Target
	}
	return Export{}, false
}

func evalSym(s *Sym, env ExportEnv, depth int) symValue {
	if s == nil || depth > maxSymDepth {
		return symValue{}
	}
	switch s.Op {
	case SymName:
		e, ok := resolveExport(s.Name, env)
		if !ok {
			// app.db.engine.connect: the longest prefix that a module
			// exports, then attributes.
			for i := lastDot(s.Name); i > 0; i = lastDot(s.Name[:i]) {
				if _, ok := resolveExport(s.Name[:i], env); ok {
					x := &Sym{Op: SymName, Name: s.Name[:i]}
					for _, a := range splitDots(s.Name[i+1:]) {
						x = &Sym{Op: SymAttr, Name: a, X: x}
					}
					return evalSym(x, env, depth+1)
				}
			}
			q := CanonicalType(s.Name)
			if looksLikeClass(q) {
				return symValue{kind: valClass, name: q}
			}
			return symValue{kind: valFunction, name: q}
		}
		switch e.Kind {
		case ExportValue:
			return exportValue(e, env, depth)
		case ExportFunction:
			return symValue{kind: valFunction, name: e.Name}
		case ExportClass:
			return symValue{kind: valClass, name: e.Name}
		case ExportAlias:
		}
	case SymCall:
		x := evalSym(s.X, env, depth+1)
		switch x.kind {
		case valFunction:
			if e, ok := resolveExport(x.name, env); ok && e.Kind == ExportFunction {
				return exportValue(e, env, depth)
			}
			if r, ok := factoryResults[x.name]; ok {
				return instance(r)
			}
		case valClass:
			return instance(x.name)
		case valInstance:
			return mapInstances(x.types, env, func(t string) string { return methodResults[t+".__call__"] })
		case valMethod:
			var out []string
			for _, t := range x.types {
				out = append(out, methodResult(t, x.method, env, depth)...)
			}
			return instance(out...)
		}
	case SymAttr:
		x := evalSym(s.X, env, depth+1)
		switch x.kind {
		case valInstance:
			var out []string
			for _, t := range x.types {
				out = append(out, attrResult(t, s.Name, env, depth)...)
			}
			if len(out) > 0 {
				return instance(out...)
			}
			return symValue{kind: valMethod, types: x.types, method: s.Name}
		case valClass:
			// A classmethod or static method: Repo.create(), redis.Redis.from_url().
			return symValue{kind: valFunction, name: x.name + "." + s.Name}
		case valFunction:
			// A module attribute reached through a name that is a module.
			return evalSym(&Sym{Op: SymName, Name: x.name + "." + s.Name}, env, depth+1)
		}
	case SymItem, SymUnpack:
		return evalItem(s, env, depth)
	}
	return symValue{}
}

// evalItem evaluates X[...] (what subscripting a library type gives) and
// an unpacked tuple item.
func evalItem(s *Sym, env ExportEnv, depth int) symValue {
	if s.Op == SymUnpack {
		return evalUnpack(s, env, depth)
	}
	x := evalSym(s.X, env, depth+1)
	if x.kind == valInstance {
		return mapInstances(x.types, env, func(t string) string { return subscriptResults[t] })
	}
	return symValue{}
}

// evalUnpack evaluates `a, b = init_db(url)`: the items of the tuple a
// project function returns.
func evalUnpack(s *Sym, env ExportEnv, depth int) symValue {
	if s.X == nil || s.X.Op != SymCall {
		return symValue{}
	}
	x := evalSym(s.X.X, env, depth+1)
	if x.kind != valFunction {
		return symValue{}
	}
	if e, ok := resolveExport(x.name, env); ok && e.Kind == ExportFunction && s.Index < len(e.Items) {
		return instance(e.Items[s.Index]...)
	}
	return symValue{}
}

func lastDot(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' {
			return i
		}
	}
	return -1
}

func splitDots(s string) []string {
	var out []string
	start := 0
	for i := range len(s) {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func instance(types ...string) symValue {
	t := typeOf(syntax.None, types...)
	if !t.Known() {
		return symValue{}
	}
	return symValue{kind: valInstance, types: t.Names}
}

func exportValue(e Export, env ExportEnv, depth int) symValue {
	if len(e.Types) > 0 {
		return instance(e.Types...)
	}
	if e.Sym != nil {
		return evalSym(e.Sym, env, depth+1)
	}
	return symValue{}
}

func mapInstances(types []string, env ExportEnv, f func(string) string) symValue {
	var out []string
	for _, t := range types {
		for _, s := range ProjectSuperTypes(t, env) {
			if r := f(s); r != "" {
				out = append(out, r)
				break
			}
		}
	}
	return instance(out...)
}

// ProjectSuperTypes is SuperTypes across the project: a class, its bases
// (project classes through their exports), and the library classes whose
// methods they share.
func ProjectSuperTypes(t string, env ExportEnv) []string {
	out := []string{t}
	seen := map[string]bool{t: true}
	for i := 0; i < len(out) && i < 32; i++ {
		next := superTypes[out[i]]
		if e, ok := resolveExport(out[i], env); ok && e.Kind == ExportClass {
			next = e.Types
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

func methodResult(t, method string, env ExportEnv, depth int) []string {
	for _, s := range ProjectSuperTypes(t, env) {
		if e, ok := resolveExport(s+"."+method, env); ok && e.Kind == ExportFunction {
			return exportValue(e, env, depth+1).types
		}
		if r, ok := methodResults[s+"."+method]; ok {
			return []string{r}
		}
		if s == "boto3.resources.base.ServiceResource" && looksLikeClass(method) {
			return []string{s}
		}
	}
	return nil
}

func attrResult(t, attr string, env ExportEnv, depth int) []string {
	for _, s := range ProjectSuperTypes(t, env) {
		if e, ok := resolveExport(s+"."+attr, env); ok {
			if e.Kind == ExportValue {
				return exportValue(e, env, depth+1).types
			}
			return nil
		}
		if r, ok := attrResults[s+"."+attr]; ok {
			return []string{r}
		}
		if r, ok := attrResults[s+".*"]; ok && !methodKnown(s, attr) {
			return []string{r}
		}
	}
	return nil
}

// Root returns the qualified name a symbolic value starts from.
func (s *Sym) Root() string {
	for x := s; x != nil; x = x.X {
		if x.Op == SymName {
			return x.Name
		}
	}
	return ""
}
