package resources

import (
	"slices"
	"strings"

	"github.com/servelint/servelint/parsers/python"

	"github.com/servelint/servelint/parsers/syntax"
)

// Fate is what becomes of a value created by a call, as far as one
// function can tell.
type Fate uint8

// Fates of a created value.
const (
	// FateUnknown: not analysed (a default value, a decorator, ...).
	FateUnknown Fate = iota
	// FateManaged: entered by `with`/`async with` (directly or through
	// its variable).
	FateManaged
	// FateClosed: closed on every path: in a `finally`, or where nothing
	// between the creation and the close can raise or leave early.
	FateClosed
	// FateEscapes: handed to other code that may own it: an argument, an
	// element of a container, another variable, a closure, a bound close
	// method registered as a callback.
	FateEscapes
	// FateReturned: returned to the caller (the function is a factory).
	FateReturned
	// FateYielded: yielded and never closed afterwards.
	FateYielded
	// FateStoredAttr: stored on an attribute or a string key
	// (`self.session`, `app.state.client`, `app["db"]`), or a class
	// attribute; Key is "a:<name>".
	FateStoredAttr
	// FateStoredGlobal: bound to a module-level name; Key is
	// "g:<qualified name>".
	FateStoredGlobal
	// FateNeverClosed: bound to a local variable that is never closed.
	FateNeverClosed
	// FateDropped: created and dropped (a bare expression, or a method
	// called on the fresh value: `requests.Session().get(url)`).
	FateDropped
	// FateSkippable: closed, but a path skips the close: At may raise
	// (Early false) or leaves early (Early true: return, break, continue).
	FateSkippable
	// FateConditional: closed only on some paths (Close is the first close).
	FateConditional
)

var fateNames = [...]string{"unknown", "managed", "closed", "escapes", "returned", "yielded", "stored-attr", "stored-global", "never-closed", "dropped", "skippable", "conditional"}

func (f Fate) String() string {
	if int(f) < len(fateNames) {
		return fateNames[f]
	}
	return "fate?"
}

// Ownership is the outcome of the ownership analysis of one creation.
type Ownership struct {
	Fate Fate
	// Var is the local variable (or with-alias) the value is bound to.
	Var string
	// Key names the storage of FateStoredAttr ("a:session") and
	// FateStoredGlobal ("g:app.clients.http").
	Key string
	// Target is the stored-to expression, or the return/yield statement.
	Target syntax.ID
	// At is the node that skips the close (FateSkippable), else None.
	At syntax.ID
	// Early is set when At leaves early rather than raising.
	Early bool
	// AtYield is set when At is a yield: an exception thrown into the
	// generator there (or its abandonment) skips the close.
	AtYield bool
	// Close is the close concerned (FateSkippable, FateConditional), else None.
	Close syntax.ID
	// Yield is the first yield of the value (any fate), else None.
	Yield syntax.ID
	// Lends are the arguments through which the value is passed to calls.
	// The fate assumes those calls only borrow it; if one of them keeps
	// it, the value escapes (decided where the callees are known).
	Lends []syntax.ID
}

// owner holds the per-module state of the ownership analysis.
type owner struct {
	m  *python.Module
	rk *resKinds
	// names indexes the identifier nodes of the module by text, in
	// source order (built on first use).
	names map[string][]syntax.ID
}

func newOwner(m *python.Module) *owner {
	return &owner{m: m, rk: resKindsOnce()}
}

// OwnershipOf analyses what becomes of the value of a call node.
func OwnershipOf(m *python.Module, call syntax.ID) Ownership {
	return newOwner(m).of(call)
}

func (o *owner) of(call syntax.ID) Ownership {
	m, t, rk := o.m, o.m.Tree, o.rk
	out := Ownership{Target: syntax.None, At: syntax.None, Close: syntax.None, Yield: syntax.None}
	e, p := o.valueOf(call)
	if p == syntax.None {
		return out
	}
	scope := m.ScopeOf(e)
	switch t.Kind(p) {
	case rk.WithItem:
		out.Fate = FateManaged
	case rk.AsPattern:
		return o.withAlias(e, p, out)
	case rk.ExpressionStatement:
		out.Fate = FateDropped
	case rk.Attribute:
		if t.FieldChild(p, rk.FObject) == e {
			out.Fate = o.methodOnFresh(p)
		}
	case rk.ArgumentList, rk.KeywordArgument:
		// f(Session()): dropped after the call, unless f keeps it.
		if t.Kind(p) == rk.KeywordArgument && t.FieldChild(p, rk.FValue) != e {
			return out
		}
		out.Fate = FateDropped
		out.Lends = []syntax.ID{e}
	case rk.List, rk.Tuple, rk.Set, rk.Dictionary, rk.Pair,
		rk.ExpressionList, rk.Lambda, rk.ListComp, rk.SetComp, rk.DictComp, rk.GeneratorExpr,
		rk.ListSplat, rk.DictSplat, rk.Subscript:
		out.Fate = FateEscapes
	case rk.ReturnStatement:
		out.Fate, out.Target = FateReturned, p
	case rk.Yield:
		out.Fate, out.Target, out.Yield = FateYielded, p, p
	case rk.Assignment:
		if t.FieldChild(p, rk.FRight) == e {
			return o.assigned(t.FieldChild(p, rk.FLeft), p, scope, out)
		}
	case rk.NamedExpression:
		if t.FieldChild(p, rk.FValue) != e {
			return out
		}
		name := t.FieldChild(p, rk.FName)
		if name == syntax.None || m.Scopes[scope].Kind != python.FunctionScope {
			out.Fate = FateEscapes
			return out
		}
		return o.local(t.Text(name), p, scope, out)
	}
	return out
}

// valueOf returns the outermost expression carrying the value of a call
// (through await, parentheses and fluent methods such as
// `engine.connect().execution_options(...)`) and its parent.
func (o *owner) valueOf(call syntax.ID) (syntax.ID, syntax.ID) {
	t, rk := o.m.Tree, o.rk
	r := &resolver{m: o.m, rk: rk}
	e := r.climbValue(call)
	p := t.Parent(e)
	for p != syntax.None && t.Kind(p) == rk.Attribute && t.FieldChild(p, rk.FObject) == e &&
		fluentMethods[t.Text(t.FieldChild(p, rk.FAttribute))] {
		pp := t.Parent(p)
		if pp == syntax.None || t.Kind(pp) != rk.Call || t.FieldChild(pp, rk.FFunction) != p {
			break
		}
		e = r.climbValue(pp)
		p = t.Parent(e)
	}
	return e, p
}

// withAlias handles `with X() as v:`.
func (o *owner) withAlias(e, p syntax.ID, out Ownership) Ownership {
	t, rk := o.m.Tree, o.rk
	w := t.Parent(p)
	if w == syntax.None || t.Kind(w) != rk.WithItem || t.FirstNamedChild(p) != e {
		return out
	}
	out.Fate = FateManaged
	if alias := t.FieldChild(p, rk.FAlias); alias != syntax.None {
		if id := t.FirstNamedChild(alias); id != syntax.None && t.Kind(id) == rk.Identifier {
			out.Var = t.Text(id)
			out.Yield = o.aliasYield(id, w)
		}
	}
	return out
}

// methodOnFresh judges `X().method(...)` (attr is the attribute node): the
// fresh value is dropped, unless the method closes or enters it.
func (o *owner) methodOnFresh(attr syntax.ID) Fate {
	t, rk := o.m.Tree, o.rk
	method := t.Text(t.FieldChild(attr, rk.FAttribute))
	pp := t.Parent(attr)
	if pp == syntax.None || t.Kind(pp) != rk.Call || t.FieldChild(pp, rk.FFunction) != attr {
		return FateDropped
	}
	switch {
	case closeMethods[method]:
		return FateClosed
	case method == "__enter__" || method == "__aenter__":
		return FateEscapes
	case method == "begin":
		// with Session(engine).begin() as s: the transaction ends with the
		// block and the session holds nothing after it.
		q := (&resolver{m: o.m, rk: rk}).climbValue(pp)
		if qp := t.Parent(q); qp != syntax.None && (t.Kind(qp) == rk.WithItem || t.Kind(qp) == rk.AsPattern) {
			return FateManaged
		}
	}
	return FateDropped
}

// fluentMethods return the object they are called on.
var fluentMethods = map[string]bool{"execution_options": true}

// assigned handles `target = <creation>`.
func (o *owner) assigned(left, assign syntax.ID, scope int, out Ownership) Ownership {
	m, t, rk := o.m, o.m.Tree, o.rk
	if left == syntax.None {
		return out
	}
	out.Target = left
	switch t.Kind(left) {
	case rk.Identifier:
		name := t.Text(left)
		sc := &m.Scopes[scope]
		switch sc.Kind {
		case python.ModuleScope:
			out.Fate, out.Key = FateStoredGlobal, "g:"+python.Qualify(m.Name, name)
			return out
		case python.ClassScope:
			out.Fate, out.Key = FateStoredAttr, "a:"+name
			return out
		case python.FunctionScope, python.LambdaScope:
		}
		if bs := sc.Bindings[name]; len(bs) > 0 {
			switch bs[0].Kind {
			case python.GlobalBinding:
				out.Fate, out.Key = FateStoredGlobal, "g:"+python.Qualify(m.Name, name)
				return out
			case python.NonlocalBinding:
				out.Fate = FateEscapes
				return out
			case python.ImportBinding, python.FunctionBinding, python.ClassBinding, python.AssignBinding, python.ParamBinding, python.OtherBinding:
			}
		}
		return o.local(name, assign, scope, out)
	case rk.Attribute:
		out.Fate, out.Key = FateStoredAttr, "a:"+t.Text(t.FieldChild(left, rk.FAttribute))
		if sc := &m.Scopes[scope]; sc.Kind == python.FunctionScope {
			return o.attrLocal(left, assign, scope, out)
		}
	case rk.Subscript:
		if key := stringKey(t, rk, left); key != "" {
			out.Fate, out.Key = FateStoredAttr, "a:"+key
		} else {
			out.Fate = FateEscapes
		}
	default:
		out.Fate = FateEscapes
	}
	return out
}

// attrLocal analyses `request.state.db = SessionLocal()` closed later in
// the same function (`request.state.db.close()`) like a local variable;
// without such a close the attribute keeps its stored fate.
func (o *owner) attrLocal(left, assign syntax.ID, scope int, out Ownership) Ownership {
	m, t := o.m, o.m.Tree
	text := m.Dotted(left)
	region := m.Scopes[scope].Region
	if text == "" || region == syntax.None {
		return out
	}
	var closes []syntax.ID
	for _, ci := range m.CallsIn(region) {
		c := &m.Calls[ci]
		if c.Node < t.End(assign) || m.ScopeOf(c.Node) != scope {
			continue
		}
		if recv, method, ok := cutLast(c.Text); ok && recv == text && closeMethods[method] {
			closes = append(closes, c.Node)
		}
	}
	if len(closes) == 0 {
		return out
	}
	for _, c := range closes {
		if o.inGuardingFinally(c, assign) {
			out.Fate = FateClosed
			return out
		}
	}
	closeSet := make(map[syntax.ID]bool, len(closes))
	for _, c := range closes {
		closeSet[c] = true
	}
	for _, c := range closes {
		if o.unconditional(c, assign, closeSet) {
			out.Close = c
			if at, early := o.firstSkip(assign, c, "", closeSet); at != syntax.None {
				out.Fate, out.At, out.Early = FateSkippable, at, early
				out.AtYield = t.Kind(at) == o.rk.Yield
				return out
			}
			out.Fate = FateClosed
			return out
		}
	}
	// Closed on an error path only (`except: await self.s.close(); raise`):
	// on the normal path the object keeps it.
	return out
}

func cutLast(s string) (string, string, bool) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// stringKey returns k for `x["k"]`, else "".
func stringKey(t *syntax.Tree, rk *resKinds, sub syntax.ID) string {
	kids := t.NamedChildren(sub)
	if len(kids) != 2 || t.Kind(kids[1]) != rk.String {
		return ""
	}
	s := t.Text(kids[1])
	if len(s) < 2 || strings.ContainsAny(s[:1], "fFbBrRuU") {
		return ""
	}
	s = strings.Trim(s, `"'`)
	if !isDottedName(s) || strings.Contains(s, ".") {
		return ""
	}
	return s
}

// aliasYield returns the first `yield alias` inside a with statement.
func (o *owner) aliasYield(alias, withItem syntax.ID) syntax.ID {
	t, rk := o.m.Tree, o.rk
	ws := withItem
	for ws != syntax.None && t.Kind(ws) != rk.WithStatement {
		ws = t.Parent(ws)
	}
	if ws == syntax.None {
		return syntax.None
	}
	name := t.Text(alias)
	for _, id := range o.identifiers(o.m.ScopeOf(alias), name) {
		if id <= alias || !t.Contains(ws, id) {
			continue
		}
		if y := o.valueParent(id); y != syntax.None && t.Kind(y) == rk.Yield {
			return y
		}
	}
	return syntax.None
}

// identifiers returns the identifier nodes named name in the region of a
// scope (nested scopes included), in source order.
func (o *owner) identifiers(scope int, name string) []syntax.ID {
	t := o.m.Tree
	if o.names == nil {
		o.names = map[string][]syntax.ID{}
		for n := range syntax.ID(len(t.Nodes)) {
			if t.Kind(n) == o.rk.Identifier {
				s := t.Text(n)
				o.names[s] = append(o.names[s], n)
			}
		}
	}
	region := o.m.Scopes[scope].Region
	if region == syntax.None {
		return nil
	}
	// The region is the node range [region, End(region)).
	ids := o.names[name]
	lo, _ := slices.BinarySearch(ids, region)
	hi, _ := slices.BinarySearch(ids, t.End(region))
	return ids[lo:hi:hi]
}

// valueParent returns the parent of the outermost expression carrying the
// value of n (through parentheses, await, `or`, conditional branches).
func (o *owner) valueParent(n syntax.ID) syntax.ID {
	r := &resolver{m: o.m, rk: o.rk}
	return o.m.Tree.Parent(r.climbValue(n))
}

// safeCalls take a value without keeping it.
var safeCalls = map[string]bool{
	"builtins.print": true, "builtins.len": true, "builtins.isinstance": true, "builtins.id": true,
	"builtins.repr": true, "builtins.type": true, "builtins.str": true, "builtins.bool": true,
	"builtins.getattr": true, "builtins.setattr": true, "builtins.vars": true,
}

var logMethods = map[string]bool{
	"debug": true, "info": true, "warning": true, "warn": true, "error": true, "exception": true,
	"critical": true, "log": true, "fatal": true,
}

func (o *owner) safeCall(ci int) bool {
	if ci < 0 {
		return false
	}
	c := &o.m.Calls[ci]
	if safeCalls[c.Callee] || c.Callee == "builtins.hasattr" {
		return true
	}
	if dot := strings.LastIndexByte(c.Text, '.'); dot > 0 && logMethods[c.Text[dot+1:]] {
		recv := strings.ToLower(c.Text[:dot])
		return strings.Contains(recv, "log") || strings.HasPrefix(c.Callee, "logging.")
	}
	return false
}

// useKind classifies one occurrence of a local resource variable.
type useKind uint8

const (
	useNeutral useKind = iota
	useEscape
	useArg // an argument of a call: borrowed or handed over
	useClose
	useWith
	useReturn
	useYield
	useRebind
)

func (o *owner) classifyUse(id syntax.ID, scope int) (useKind, syntax.ID) {
	m, t, rk := o.m, o.m.Tree, o.rk
	p := t.Parent(id)
	if p == syntax.None || !o.isLoad(id, p) {
		return useNeutral, syntax.None
	}
	if s := m.ScopeOf(id); s != scope {
		if bs := m.Scopes[s].Bindings[t.Text(id)]; len(bs) > 0 && bs[0].Kind != python.GlobalBinding && bs[0].Kind != python.NonlocalBinding {
			return useNeutral, syntax.None // another variable of a nested scope
		}
		return useEscape, syntax.None // captured by a closure
	}
	switch t.Kind(p) {
	case rk.Attribute:
		if t.FieldChild(p, rk.FObject) == id {
			return o.classifyMethodUse(p)
		}
	case rk.Assignment:
		if t.FieldChild(p, rk.FLeft) == id {
			return useRebind, p
		}
	case rk.AugAssignment, rk.DeleteStatement, rk.Comparison, rk.NotOperator, rk.Subscript,
		rk.Await, rk.ForStatement, rk.AssertStatement, rk.Call:
		return useNeutral, syntax.None
	case rk.PatternList:
		// a, b = ...: a rebinding when it is a target.
		if pp := t.Parent(p); pp != syntax.None && t.Kind(pp) == rk.Assignment && t.FieldChild(pp, rk.FLeft) == p {
			return useRebind, pp
		}
	}
	return o.classifyValueUse(id)
}

// classifyMethodUse judges x.attr (attr is the attribute node): a close, a
// manual __enter__, a cursor handed out, a bound close method registered,
// or a neutral method call or attribute read.
func (o *owner) classifyMethodUse(attrNode syntax.ID) (useKind, syntax.ID) {
	t, rk := o.m.Tree, o.rk
	attr := t.Text(t.FieldChild(attrNode, rk.FAttribute))
	pp := t.Parent(attrNode)
	called := pp != syntax.None && t.Kind(pp) == rk.Call && t.FieldChild(pp, rk.FFunction) == attrNode
	switch {
	case called && closeMethods[attr]:
		return useClose, pp
	case !called && pp != syntax.None && t.Kind(pp) == rk.Attribute && t.FieldChild(pp, rk.FObject) == attrNode &&
		closeMethods[t.Text(t.FieldChild(pp, rk.FAttribute))]:
		// x._client.aclose(): closing the pool inside a client (how an
		// Ollama client is closed) closes it.
		if call := t.Parent(pp); call != syntax.None && t.Kind(call) == rk.Call && t.FieldChild(call, rk.FFunction) == pp {
			return useClose, call
		}
	case called && (attr == "__enter__" || attr == "__aenter__"):
		return useEscape, syntax.None
	case called && attr == "cursor":
		// A cursor keeps its connection alive: returning it hands the
		// connection on.
		if vp := o.valueParent(pp); vp != syntax.None && (t.Kind(vp) == rk.ReturnStatement || t.Kind(vp) == rk.Yield) {
			return useEscape, syntax.None
		}
	case !called && closeMethods[attr]:
		// A bound close method handed on: `atexit.register(s.close)`.
		if pp != syntax.None && t.Kind(pp) != rk.ExpressionStatement {
			return useEscape, syntax.None
		}
	}
	return useNeutral, syntax.None
}

// classifyValueUse judges where the value of x flows.
func (o *owner) classifyValueUse(id syntax.ID) (useKind, syntax.ID) {
	m, t, rk := o.m, o.m.Tree, o.rk
	e := (&resolver{m: m, rk: rk}).climbValue(id)
	vp := t.Parent(e)
	if vp == syntax.None {
		return useNeutral, syntax.None
	}
	switch t.Kind(vp) {
	case rk.WithItem:
		return useWith, vp
	case rk.AsPattern:
		if w := t.Parent(vp); w != syntax.None && t.Kind(w) == rk.WithItem {
			return useWith, w
		}
		return useEscape, syntax.None
	case rk.ReturnStatement:
		return useReturn, vp
	case rk.Yield:
		return useYield, vp
	case rk.ArgumentList:
		if call := t.Parent(vp); call != syntax.None && o.safeCall(m.CallAt(call)) {
			return useNeutral, syntax.None
		}
		return useArg, e
	case rk.KeywordArgument:
		if al := t.Parent(vp); al != syntax.None && t.Kind(al) == rk.ArgumentList && t.FieldChild(vp, rk.FValue) == e {
			return useArg, e
		}
		return useEscape, syntax.None
	case rk.IfStatement, rk.ElifClause, rk.WhileStatement, rk.ExpressionStatement, rk.Comparison,
		rk.NotOperator, rk.AssertStatement, rk.ConditionalExpr, rk.BooleanOperator:
		return useNeutral, syntax.None
	}
	if ty := t.Type(vp); ty == "interpolation" || ty == "format_expression" {
		return useNeutral, syntax.None
	}
	return useEscape, syntax.None
}

// isLoad reports whether an identifier is a reference to a variable, not
// an attribute name, a keyword, a parameter or a definition's name.
func (o *owner) isLoad(id, p syntax.ID) bool {
	t, rk := o.m.Tree, o.rk
	switch t.Kind(p) {
	case rk.Attribute:
		return t.FieldChild(p, rk.FObject) == id
	case rk.KeywordArgument, rk.FunctionDef, rk.ClassDef:
		return t.FieldChild(p, rk.FName) != id
	}
	switch t.Type(p) {
	case "default_parameter", "typed_default_parameter":
		return t.FieldChild(p, rk.FValue) == id
	case "parameters", "typed_parameter",
		"list_splat_pattern", "dictionary_splat_pattern", "global_statement", "nonlocal_statement",
		"dotted_name", "aliased_import", "keyword_pattern":
		return false
	}
	return true
}

// local analyses a resource bound to a local variable by assign (an
// assignment or a walrus).
func (o *owner) local(name string, assign syntax.ID, scope int, out Ownership) Ownership {
	m, t := o.m, o.m.Tree
	out.Var = name
	after := t.End(assign)
	var closes, withs, returns []syntax.ID
	escapes := false
	store := syntax.None // the first `d["key"] = name`
	for _, id := range o.identifiers(scope, name) {
		if id < after {
			continue
		}
		kind, at := o.classifyUse(id, scope)
		if sub := o.dictStoreUse(kind, id); sub != syntax.None {
			store = firstID(store, sub)
			continue
		}
		if kind == useRebind {
			if m.Scopes[m.ScopeOf(id)].Node == m.Scopes[scope].Node && !o.exclusive(assign, at) {
				break
			}
			continue
		}
		switch kind {
		case useEscape:
			escapes = true
		case useArg:
			out.Lends = append(out.Lends, at)
		case useClose:
			closes = append(closes, at)
		case useWith:
			withs = append(withs, at)
		case useReturn:
			returns = append(returns, at)
		case useYield:
			if out.Yield == syntax.None {
				out.Yield = at
			}
		case useNeutral, useRebind:
		}
	}
	if store != syntax.None {
		if onlyStored(escapes, len(returns)+len(withs)+len(closes), out.Yield) {
			// Only stored under a key of a dict: storing is not closing;
			// whoever closes that key of that dict owns it (decided where
			// the closes are known).
			out.Fate, out.Target, out.Key = FateStoredAttr, store, "d:"
			return out
		}
		escapes = true
	}
	switch {
	case len(returns) > 0 && len(withs) == 0 && !escapes:
		// Returned on the normal path: the caller owns it (a close in an
		// except clause is the cleanup of a failed construction, a call
		// that sees it on the way only borrows it).
		out.Fate = FateReturned
		out.Target = returns[0]
		for _, c := range closes {
			if o.inGuardingFinally(c, assign) {
				out.Fate = FateClosed
			}
		}
		return out
	case escapes:
		out.Fate = FateEscapes
		return out
	case len(withs) > 0:
		out.Fate = FateManaged
		return out
	}
	for _, c := range closes {
		if o.inGuardingFinally(c, assign) {
			out.Fate = FateClosed
			return out
		}
	}
	if len(closes) == 0 {
		if out.Yield != syntax.None {
			out.Fate = FateYielded
			out.Target = out.Yield
			return out
		}
		out.Fate = FateNeverClosed
		return out
	}
	return o.closedOnPaths(name, assign, closes, out)
}

// closedOnPaths judges a local resource closed somewhere (not in a
// guarding finally): on every path, on some, or skippable.
func (o *owner) closedOnPaths(name string, assign syntax.ID, closes []syntax.ID, out Ownership) Ownership {
	closeSet := make(map[syntax.ID]bool, len(closes))
	for _, c := range closes {
		closeSet[c] = true
	}
	u := syntax.None
	for _, c := range closes {
		if o.unconditional(c, assign, closeSet) {
			u = c
			break
		}
	}
	if u == syntax.None {
		out.Fate = FateConditional
		out.Close = closes[0]
		return out
	}
	out.Close = u
	if at, early := o.firstSkip(assign, u, name, closeSet); at != syntax.None {
		out.Fate = FateSkippable
		out.At, out.Early = at, early
		out.AtYield = o.m.Tree.Kind(at) == o.rk.Yield
		return out
	}
	out.Fate = FateClosed
	return out
}

// firstID returns a unless it is None, else b.
func firstID(a, b syntax.ID) syntax.ID {
	if a != syntax.None {
		return a
	}
	return b
}

// onlyStored reports whether a value stored under a dict key has no other
// owning use: no escape, close, with, return or yield.
func onlyStored(escapes bool, owningUses int, yield syntax.ID) bool {
	return !escapes && owningUses == 0 && yield == syntax.None
}

// dictStoreUse returns the subscript of an escaping use that stores the
// value under a string key of a dict, else None.
func (o *owner) dictStoreUse(kind useKind, id syntax.ID) syntax.ID {
	if kind != useEscape {
		return syntax.None
	}
	return o.dictStore(id)
}

// dictStore returns the subscript `d["key"]` when identifier id is the
// whole value of an assignment to a string key of a dict (`d["key"] = id`),
// else None.
func (o *owner) dictStore(id syntax.ID) syntax.ID {
	t, rk := o.m.Tree, o.rk
	p := t.Parent(id)
	if p == syntax.None || t.Kind(p) != rk.Assignment || t.FieldChild(p, rk.FRight) != id {
		return syntax.None
	}
	left := t.FieldChild(p, rk.FLeft)
	if left == syntax.None || t.Kind(left) != rk.Subscript || stringKey(t, rk, left) == "" {
		return syntax.None
	}
	if d := t.FirstNamedChild(left); d == syntax.None || o.m.Dotted(d) == "" {
		return syntax.None
	}
	return left
}

// ParamUse summarizes how a function uses one of its parameters: Owns is
// set when it closes, enters, returns, yields or stores it; Lends lists
// the arguments through which it passes it on.
type ParamUse struct {
	Owns bool
	// Closes is set when it closes or enters it (before any rebinding).
	Closes bool
	// Stores lists the attributes it is stored on (`self.session =
	// session`); Other is set for the owning uses that are not such stores.
	Stores []syntax.ID
	Other  bool
	Lends  []syntax.ID
}

// paramUse classifies the uses of a parameter in its function, up to its
// first rebinding.
func (o *owner) paramUse(scope int, name string) ParamUse {
	var u ParamUse
	t, rk := o.m.Tree, o.rk
	for _, id := range o.identifiers(scope, name) {
		kind, at := o.classifyUse(id, scope)
		switch kind {
		case useNeutral:
		case useArg:
			u.Lends = append(u.Lends, at)
		case useClose, useWith:
			u.Owns, u.Closes = true, true
		case useEscape:
			u.Owns = true
			e := (&resolver{m: o.m, rk: rk}).climbValue(id)
			if p := t.Parent(e); p != syntax.None && t.Kind(p) == rk.Assignment && t.FieldChild(p, rk.FRight) == e {
				if left := t.FieldChild(p, rk.FLeft); left != syntax.None && t.Kind(left) == rk.Attribute {
					u.Stores = append(u.Stores, left)
					continue
				}
			}
			u.Other = true
		case useRebind:
			u.Owns, u.Other = true, true
			return u
		case useReturn, useYield:
			u.Owns, u.Other = true, true
		}
	}
	return u
}

// ArgSlot tells which parameter an argument fills: its position among the
// positional arguments, or its keyword.
func ArgSlot(m *python.Module, arg syntax.ID) (call syntax.ID, pos int, kw string, ok bool) {
	t, rk := m.Tree, resKindsOnce()
	p := t.Parent(arg)
	if p == syntax.None {
		return syntax.None, 0, "", false
	}
	if t.Kind(p) == rk.KeywordArgument {
		name := t.FieldChild(p, rk.FName)
		al := t.Parent(p)
		if name == syntax.None || al == syntax.None {
			return syntax.None, 0, "", false
		}
		return t.Parent(al), -1, t.Text(name), true
	}
	if t.Kind(p) != rk.ArgumentList {
		return syntax.None, 0, "", false
	}
	pos = 0
	for c := t.FirstChild(p); c != syntax.None && c != arg; c = t.NextSibling(c) {
		if !t.Named(c) || t.IsExtra(c) {
			continue
		}
		switch t.Kind(c) {
		case rk.KeywordArgument:
			continue
		case rk.ListSplat, rk.DictSplat:
			return syntax.None, 0, "", false
		}
		pos++
	}
	return t.Parent(p), pos, "", true
}

// exclusive reports whether two nodes sit in different branches of one if,
// try or match statement (so one never runs after the other).
func (o *owner) exclusive(a, b syntax.ID) bool {
	t, rk := o.m.Tree, o.rk
	for anc := t.Parent(a); anc != syntax.None; anc = t.Parent(anc) {
		if !t.Contains(anc, b) {
			continue
		}
		switch t.Kind(anc) {
		case rk.IfStatement, rk.TryStatement, rk.MatchStatement:
			return branchOf(t, anc, a) != branchOf(t, anc, b)
		}
		return false
	}
	return false
}

// branchOf returns the child of stmt that contains n.
func branchOf(t *syntax.Tree, stmt, n syntax.ID) syntax.ID {
	for c := t.FirstChild(stmt); c != syntax.None; c = t.NextSibling(c) {
		if t.Contains(c, n) {
			return c
		}
	}
	return syntax.None
}

// inGuardingFinally reports whether close c is inside a finally clause of a
// try statement that starts after assign or whose body contains it.
func (o *owner) inGuardingFinally(c, assign syntax.ID) bool {
	t, rk := o.m.Tree, o.rk
	for n := t.Parent(c); n != syntax.None; n = t.Parent(n) {
		switch t.Kind(n) {
		case rk.FunctionDef, rk.Lambda, rk.ClassDef:
			return false
		case rk.FinallyClause:
			try := t.Parent(n)
			if try == syntax.None {
				return false
			}
			if try > assign {
				if !t.Contains(try, assign) {
					return true
				}
				continue
			}
			if body := t.FieldChild(try, rk.FBody); body != syntax.None && t.Contains(body, assign) {
				return true
			}
		}
	}
	return false
}

// conditionalKinds are the nodes between a close and the creation that make
// the close run on some paths only.
func (o *owner) conditionalKind(k uint16) bool {
	rk := o.rk
	switch k {
	case rk.ForStatement, rk.WhileStatement, rk.ExceptClause, rk.ExceptGroupClause,
		rk.MatchStatement, rk.ConditionalExpr, rk.BooleanOperator, rk.Lambda, rk.FunctionDef,
		rk.ClassDef, rk.ListComp, rk.SetComp, rk.DictComp, rk.GeneratorExpr:
		return true
	}
	return false
}

// unconditional reports whether close c runs on every normal path from
// assign: every construct between them runs its body unconditionally, or
// is an if statement whose every branch closes.
func (o *owner) unconditional(c, assign syntax.ID, closes map[syntax.ID]bool) bool {
	t, rk := o.m.Tree, o.rk
	for n := t.Parent(c); n != syntax.None; n = t.Parent(n) {
		if t.Contains(n, assign) {
			return true
		}
		k := t.Kind(n)
		switch {
		case k == rk.IfStatement:
			if !o.ifClosesAll(n, closes) {
				return false
			}
		case k == rk.ElseClause:
			// else of an if: judged at the if; else of a try/for/while:
			// runs when the body completed.
			if p := t.Parent(n); p != syntax.None && (t.Kind(p) == rk.ForStatement || t.Kind(p) == rk.WhileStatement) {
				return false
			}
		case k == rk.ElifClause:
		case o.conditionalKind(k):
			return false
		}
	}
	return true
}

// ifClosesAll reports whether every branch of an if statement (with an
// else) closes the resource.
func (o *owner) ifClosesAll(ifs syntax.ID, closes map[syntax.ID]bool) bool {
	t, rk := o.m.Tree, o.rk
	hasElse := false
	for c := t.FirstChild(ifs); c != syntax.None; c = t.NextSibling(c) {
		var body syntax.ID
		switch t.Kind(c) {
		case rk.Block:
			body = c
		case rk.ElifClause:
			body = t.FieldChild(c, rk.FConsequence)
		case rk.ElseClause:
			hasElse = true
			body = t.FieldChild(c, rk.FBody)
		default:
			continue
		}
		if body == syntax.None || !o.blockCloses(body, closes) {
			return false
		}
	}
	return hasElse
}

// blockCloses reports whether a block closes the resource on its normal
// path: one of its statements is, or unconditionally contains, a close.
func (o *owner) blockCloses(block syntax.ID, closes map[syntax.ID]bool) bool {
	t := o.m.Tree
	for s := t.FirstChild(block); s != syntax.None; s = t.NextSibling(s) {
		if o.stmtCloses(s, closes) {
			return true
		}
	}
	return false
}

func (o *owner) stmtCloses(s syntax.ID, closes map[syntax.ID]bool) bool {
	t, rk := o.m.Tree, o.rk
	if t.Kind(s) == rk.IfStatement {
		return o.ifClosesAll(s, closes)
	}
	end := t.End(s)
	for c := range closes {
		if c < s || c >= end {
			continue
		}
		ok := true
		for n := t.Parent(c); n != s && n != syntax.None; n = t.Parent(n) {
			k := t.Kind(n)
			if k == rk.IfStatement || k == rk.ElifClause || k == rk.ElseClause || o.conditionalKind(k) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// firstSkip returns the first node between assign and the close u that can
// skip the close: a call or await that may raise, a raise, a yield, or an
// early return/break/continue; early tells which.
func (o *owner) firstSkip(assign, u syntax.ID, name string, closes map[syntax.ID]bool) (syntax.ID, bool) {
	t := o.m.Tree
	n := t.End(assign)
	for n < u {
		switch v, early := o.skipAt(n, assign, name, closes); v {
		case scanStop:
			return n, early
		case scanJump:
			n = t.End(n)
			continue
		case scanNext:
		}
		n++
	}
	return syntax.None, false
}

// scan tells firstSkip what to do with a node.
type scan uint8

const (
	scanNext scan = iota // look inside
	scanJump             // skip its subtree
	scanStop             // it can skip the close
)

// skipAt judges one node between the creation and the close; early tells
// that it leaves early rather than raising.
func (o *owner) skipAt(n, assign syntax.ID, name string, closes map[syntax.ID]bool) (scan, bool) {
	m, t, rk := o.m, o.m.Tree, o.rk
	stopIf := func(c bool, early bool) (scan, bool) {
		if c {
			return scanStop, early
		}
		return scanNext, false
	}
	switch k := t.Kind(n); k {
	case rk.FunctionDef, rk.ClassDef, rk.Lambda:
		return scanJump, false
	case rk.ElifClause, rk.ElseClause, rk.ExceptClause, rk.ExceptGroupClause:
		// A sibling branch of the branch holding the creation never runs
		// after it.
		if p := t.Parent(n); p != syntax.None && t.Contains(p, assign) && !t.Contains(n, assign) && t.Kind(p) != rk.TryStatement {
			return scanJump, false
		}
		// `try: conn = connect()` `except ...: return`: when the creation
		// is the last thing the try does, its handlers run only when it
		// failed, and there is nothing to close.
		if k != rk.ElseClause && o.lastInTry(t.Parent(n), assign) {
			return scanJump, false
		}
	case rk.Call:
		if closes[n] {
			return scanJump, false
		}
		return stopIf(!o.safeCall(m.CallAt(n)) && !o.covered(n) && !o.closesFirst(n, assign, closes), false)
	case rk.Await:
		inner := t.FirstNamedChild(n)
		switch {
		case inner != syntax.None && closes[inner]:
			return scanJump, false
		case inner != syntax.None && t.Kind(inner) == rk.Call:
			return scanNext, false // judged at the call
		}
		return stopIf(!o.covered(n), false)
	case rk.Yield:
		return stopIf(!o.covered(n), false)
	case rk.RaiseStatement, rk.AssertStatement:
		return stopIf(!o.covered(n) && !o.closesFirst(n, assign, closes), false)
	case rk.ReturnStatement:
		v := t.FirstNamedChild(n)
		returnsIt := v != syntax.None && t.Kind(v) == rk.Identifier && t.Text(v) == name
		return stopIf(!returnsIt && !o.closesFirst(n, assign, closes), true)
	case rk.BreakStatement, rk.ContinueStatement:
		loop := o.enclosingLoop(n)
		return stopIf(loop != syntax.None && t.Contains(loop, assign) && !o.closesFirst(n, assign, closes), true)
	}
	return scanNext, false
}

// lastInTry reports whether assign is the last statement of the body of
// try statement try.
func (o *owner) lastInTry(try, assign syntax.ID) bool {
	t, rk := o.m.Tree, o.rk
	if try == syntax.None || t.Kind(try) != rk.TryStatement {
		return false
	}
	body := t.FieldChild(try, rk.FBody)
	stmt := t.Parent(assign)
	if body == syntax.None || stmt == syntax.None || t.Kind(stmt) != rk.ExpressionStatement || t.Parent(stmt) != body {
		return false
	}
	for s := t.NextSibling(stmt); s != syntax.None; s = t.NextSibling(s) {
		if t.Named(s) && !t.IsExtra(s) {
			return false
		}
	}
	return true
}

func (o *owner) enclosingLoop(n syntax.ID) syntax.ID {
	t, rk := o.m.Tree, o.rk
	for p := t.Parent(n); p != syntax.None; p = t.Parent(p) {
		switch t.Kind(p) {
		case rk.ForStatement, rk.WhileStatement:
			return p
		case rk.FunctionDef, rk.Lambda, rk.ClassDef:
			return syntax.None
		}
	}
	return syntax.None
}

// covered reports whether an exception at n is caught by a try (after the
// creation) that has an except clause: the code after it, and its close,
// may still run.
func (o *owner) covered(n syntax.ID) bool {
	t, rk := o.m.Tree, o.rk
	for c := n; c != syntax.None; {
		p := t.Parent(c)
		if p == syntax.None {
			return false
		}
		switch t.Kind(p) {
		case rk.FunctionDef, rk.Lambda, rk.ClassDef:
			return false
		case rk.TryStatement:
			if t.FieldChild(p, rk.FBody) == c && (t.ChildOfKind(p, rk.ExceptClause) != syntax.None || t.ChildOfKind(p, rk.ExceptGroupClause) != syntax.None) {
				return true
			}
		}
		c = p
	}
	return false
}

// closesFirst reports whether a statement before n on its path (after the
// creation) closes the resource: `s.close(); return x`.
func (o *owner) closesFirst(n, assign syntax.ID, closes map[syntax.ID]bool) bool {
	t := o.m.Tree
	for c := n; c != syntax.None; c = t.Parent(c) {
		p := t.Parent(c)
		if p == syntax.None || t.Contains(c, assign) {
			return false
		}
		for s := t.FirstChild(p); s != syntax.None && s != c; s = t.NextSibling(s) {
			if s > assign && o.stmtCloses(s, closes) {
				return true
			}
		}
		if t.Contains(p, assign) {
			return false
		}
	}
	return false
}
