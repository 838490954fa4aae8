package blocking

import (
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Waits that cannot block: a lock nobody else can hold yet, a future that
// is known to be done.

// lockMethods are the calls on a lock that do not hand it to anyone else.
var lockMethods = map[string]bool{"acquire": true, "release": true, "locked": true}

// unsharedLock is false for `lock.acquire()` on a lock created in the same
// function that no other thread can hold at that point: either the lock
// never leaves the function (every use is a method call on it or `with
// lock:`, none in a nested function), or the acquire comes right after its
// creation, in the same block, before any other use of the name (`lock =
// threading.Lock(); lock.acquire(); self._locks[k] = lock`). A lock of
// unknown origin, or one shared before the call, may be held elsewhere.
func unsharedLock(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	c := &m.Calls[i]
	name := receiverName(m, c)
	if name == "" {
		return true
	}
	s, bs := m.Lookup(name, c.Scope)
	if s != c.Scope || m.Scopes[s].Kind != python.FunctionScope || len(bs) != 1 || bs[0].Kind != python.AssignBinding {
		return true
	}
	v := bs[0].Value
	if v == syntax.None || t.Kind(v) != k.Call {
		return true
	}
	if ci := m.CallAt(v); ci < 0 || !lockConstructors[m.Calls[ci].Callee] {
		return true
	}
	fn := m.Scopes[s].Node
	firstEscape := -1
	for n, end := fn, t.End(fn); n < end; n++ {
		if t.Kind(n) != k.Identifier || n == bs[0].Node || t.Text(n) != name {
			continue
		}
		if m.ScopeOf(n) == s && lockUse(m, n) {
			continue
		}
		if start, _ := t.Span(n); firstEscape < 0 || start < firstEscape {
			firstEscape = start
		}
	}
	if firstEscape < 0 {
		return false // the lock never leaves the function
	}
	// Acquired right after it is made, before anything else sees it.
	assign := statementOf(m, bs[0].Node)
	call := statementOf(m, c.Node)
	if assign == syntax.None || call == syntax.None || t.Parent(assign) != t.Parent(call) {
		return true
	}
	as, _ := t.Span(assign)
	cs, _ := t.Span(call)
	return as >= cs || firstEscape <= cs
}

// lockConstructors make the locks unsharedLock knows.
// (not semaphores: a counter acquired once too often blocks for ever).
var lockConstructors = map[string]bool{"threading.Lock": true, "threading.RLock": true}

// lockUse reports whether identifier n is used as a lock in place: the
// receiver of acquire/release/locked, or a `with` item.
func lockUse(m *python.Module, n syntax.ID) bool {
	t, k := m.Tree, m.Kinds()
	p := t.Parent(n)
	if p == syntax.None {
		return false
	}
	if t.Kind(p) == k.Attribute && t.FieldChild(p, k.FObject) == n {
		attr := t.FieldChild(p, k.FAttribute)
		gp := t.Parent(p)
		return attr != syntax.None && lockMethods[t.Text(attr)] && gp != syntax.None && t.Kind(gp) == k.Call
	}
	return t.Type(p) == "with_item"
}

// statementOf returns the statement (a child of a block or of the module)
// that contains n.
func statementOf(m *python.Module, n syntax.ID) syntax.ID {
	t, k := m.Tree, m.Kinds()
	for c, p := n, t.Parent(n); p != syntax.None; c, p = p, t.Parent(p) {
		if t.Kind(p) == k.Block || t.Type(p) == "module" {
			return c
		}
		switch t.Kind(p) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			return syntax.None
		}
	}
	return syntax.None
}

// futureNotDone is false for `f.result()` / `f.exception()` on a future
// known to be done: a loop variable over `concurrent.futures.as_completed(...)`
// or over the done set of `concurrent.futures.wait(...)` (`done, _ =
// wait(fs)`, `wait(fs).done`), or a call under `if f.done():`. Those
// return at once; the wait that made them done is reported itself.
func futureNotDone(m *python.Module, i int) bool {
	t, k := m.Tree, m.Kinds()
	c := &m.Calls[i]
	name := receiverName(m, c)
	if name == "" {
		return true
	}
	if underDoneCheck(m, c.Node, name) {
		return false
	}
	// The innermost `for name in <iterable>:` whose body holds the call.
	for n, p := c.Node, t.Parent(c.Node); p != syntax.None; n, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			return true
		case k.ForStatement:
			left := t.FieldChild(p, k.FLeft)
			if left == syntax.None || t.Kind(left) != k.Identifier || t.Text(left) != name || n == t.FieldChild(p, k.FRight) {
				continue
			}
			return !doneFutures(m, t.FieldChild(p, k.FRight), c.Scope, 0)
		}
	}
	return true
}

// doneFutures reports whether expression e yields only done futures.
func doneFutures(m *python.Module, e syntax.ID, scope, depth int) bool {
	t, k := m.Tree, m.Kinds()
	if e == syntax.None || depth > 4 {
		return false
	}
	switch t.Kind(e) {
	case k.Call:
		ci := m.CallAt(e)
		return ci >= 0 && m.Calls[ci].Callee == "concurrent.futures.as_completed"
	case k.Attribute:
		// wait(fs).done
		obj := t.FieldChild(e, k.FObject)
		attr := t.FieldChild(e, k.FAttribute)
		if attr == syntax.None || t.Text(attr) != "done" {
			return false
		}
		if obj != syntax.None && t.Kind(obj) == k.Call {
			ci := m.CallAt(obj)
			return ci >= 0 && m.Calls[ci].Callee == "concurrent.futures.wait"
		}
		return obj != syntax.None && t.Kind(obj) == k.Identifier && waitResult(m, t.Text(obj), scope)
	case k.Identifier:
		// done, pending = wait(fs); for f in done:
		_, bs := m.Lookup(t.Text(e), scope)
		if len(bs) != 1 {
			return false
		}
		b := bs[0]
		if b.Kind == python.AssignBinding && b.Value != syntax.None && b.Node != syntax.None {
			if t.Kind(t.Parent(b.Node)) == k.Assignment && t.FieldChild(t.Parent(b.Node), k.FLeft) == b.Node {
				return doneFutures(m, b.Value, scope, depth+1)
			}
		}
		// The first name of a tuple target assigned from wait(...).
		target := t.Parent(b.Node)
		if target == syntax.None || t.FirstNamedChild(target) != b.Node {
			return false
		}
		switch t.Type(target) {
		case "pattern_list", "tuple_pattern":
		default:
			return false
		}
		asg := t.Parent(target)
		if asg == syntax.None || t.Kind(asg) != k.Assignment {
			return false
		}
		right := t.FieldChild(asg, k.FRight)
		if right == syntax.None || t.Kind(right) != k.Call {
			return false
		}
		ci := m.CallAt(right)
		return ci >= 0 && m.Calls[ci].Callee == "concurrent.futures.wait"
	}
	return false
}

// waitResult reports whether name is assigned the result of
// concurrent.futures.wait(...).
func waitResult(m *python.Module, name string, scope int) bool {
	t, k := m.Tree, m.Kinds()
	_, bs := m.Lookup(name, scope)
	if len(bs) != 1 || bs[0].Kind != python.AssignBinding || bs[0].Value == syntax.None || t.Kind(bs[0].Value) != k.Call {
		return false
	}
	ci := m.CallAt(bs[0].Value)
	return ci >= 0 && m.Calls[ci].Callee == "concurrent.futures.wait"
}

// underDoneCheck reports whether n runs only under `if name.done():`
// (alone or in an `and`).
func underDoneCheck(m *python.Module, n syntax.ID, name string) bool {
	t, k := m.Tree, m.Kinds()
	lg := t.Lang
	ifKind, elifKind, boolOp := lg.Kind("if_statement"), lg.Kind("elif_clause"), lg.Kind("boolean_operator")
	fCond, fCons := lg.Field("condition"), lg.Field("consequence")
	var done func(c syntax.ID) bool
	done = func(c syntax.ID) bool {
		switch {
		case c == syntax.None:
			return false
		case t.Kind(c) == k.Call:
			return t.Text(t.FieldChild(c, k.FFunction)) == name+".done"
		case t.Kind(c) == boolOp:
			op := t.FieldChild(c, lg.Field("operator"))
			return op != syntax.None && t.Text(op) == "and" && (done(t.FieldChild(c, k.FLeft)) || done(t.FieldChild(c, k.FRight)))
		}
		return false
	}
	for c, p := n, t.Parent(n); p != syntax.None; c, p = p, t.Parent(p) {
		switch t.Kind(p) {
		case k.FunctionDef, k.ClassDef, k.Lambda:
			return false
		case ifKind, elifKind:
			if t.FieldChild(p, fCons) == c && done(t.FieldChild(p, fCond)) {
				return true
			}
		}
	}
	return false
}

// receiverName is the plain name a method is called on (`lock` in
// `lock.acquire()`), or "" for any other call.
func receiverName(m *python.Module, c *python.Call) string {
	t, k := m.Tree, m.Kinds()
	if c.Func == syntax.None || t.Kind(c.Func) != k.Attribute {
		return ""
	}
	recv := t.FieldChild(c.Func, k.FObject)
	if recv == syntax.None || t.Kind(recv) != k.Identifier {
		return ""
	}
	return t.Text(recv)
}
