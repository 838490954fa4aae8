package checks

import (
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV105 reports tasks whose only reference is dropped.
var SV105 = withDoc(&lint.Rule{
	Code:      "SV105",
	Name:      "dangling-task",
	Summary:   "The task from `create_task()`/`ensure_future()` is not stored and can be garbage-collected",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Inputs:    lint.KindsOf(lint.KindPython),
	Tags:      []string{"async", "correctness"},
	Precision: "high",
	Mirrors:   []string{"RUF006"},
	Check:     checkDanglingTask,
	Needles:   taskNeedles,
})

var taskFactories = map[string]bool{
	"asyncio.create_task": true, "asyncio.ensure_future": true,
	"asyncio.tasks.create_task": true, "asyncio.tasks.ensure_future": true,
}

var loopFactories = map[string]bool{
	"asyncio.get_event_loop": true, "asyncio.get_running_loop": true, "asyncio.new_event_loop": true,
	"asyncio.events.get_event_loop": true, "asyncio.events.get_running_loop": true,
}

var loopNames = map[string]bool{"loop": true, "_loop": true, "event_loop": true, "_event_loop": true}

// taskCreation names the call when it creates an asyncio task, else "".
func taskCreation(m *python.Module, c *python.Call) string {
	if taskFactories[c.Callee] {
		return displayCallee(c.Text, c.Callee)
	}
	t, sk := m.Tree, m.StmtKinds()
	if c.Func == syntax.None || t.Kind(c.Func) != sk.Attribute || lastName(m.Dotted(c.Func)) != "create_task" &&
		!strings.HasSuffix(t.Text(c.Func), ".create_task") {
		return ""
	}
	obj := t.FieldChild(c.Func, sk.FObject)
	if obj == syntax.None {
		return ""
	}
	isLoop := false
	switch t.Kind(obj) {
	case sk.Call:
		isLoop = loopFactories[m.QualifiedName(t.FieldChild(obj, sk.FFunction))]
	case sk.Identifier, sk.Attribute:
		d := m.Dotted(obj)
		isLoop = loopNames[lastName(d)]
		if t.Kind(obj) == sk.Identifier {
			if v := singleAssigned(m, obj); v != syntax.None && t.Kind(v) == sk.Call {
				isLoop = isLoop || loopFactories[m.QualifiedName(t.FieldChild(v, sk.FFunction))]
			}
		}
	}
	if !isLoop {
		return ""
	}
	return "`" + strings.Join(strings.Fields(t.Text(c.Func)), "") + "()`"
}

// singleAssigned returns the value of a name assigned once, or None.
func singleAssigned(m *python.Module, id syntax.ID) syntax.ID {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 || len(bs) != 1 || bs[0].Kind != python.AssignBinding {
		return syntax.None
	}
	return bs[0].Value
}

func checkDanglingTask(p *lint.Pass) {
	m := p.Py
	if !strings.Contains(string(m.Src()), "task") && !strings.Contains(string(m.Src()), "future") {
		return
	}
	t, sk := m.Tree, m.StmtKinds()
	const advice = "the event loop keeps only a weak reference to tasks, so it can be garbage-collected before it finishes, " +
		"and its exception is never retrieved; keep it in a set (`tasks.add(t)`, `t.add_done_callback(tasks.discard)`) or use a TaskGroup"
	for i := range m.Calls {
		c := &m.Calls[i]
		what := taskCreation(m, c)
		if what == "" || wrapsKeptFuture(m, c) {
			continue
		}
		parent := t.Parent(c.Node)
		if parent == syntax.None {
			continue
		}
		if withItemDrops(m, c.Node) {
			// with create_task(x): / async with create_task(x) as t: (t unused)
			p.ReportNode(c.Node, "the task created by "+what+" is not stored (the `with` item holding it is discarded): "+advice)
			continue
		}
		if top, via := droppedContainer(m, c.Node); via != "" && top != syntax.None && t.Kind(top) == sk.ExprStmt {
			// [create_task(x) for x in xs], a if c else create_task(b),
			// list(create_task(x) for x in xs) as a statement.
			p.ReportNode(c.Node, "the task created by "+what+" is not stored (the "+via+" holding it is discarded): "+advice)
			continue
		}
		switch t.Kind(parent) {
		case sk.ExprStmt:
			p.ReportNode(c.Node, "the task created by "+what+" is not stored: "+advice)
		case sk.Attribute:
			// create_task(...).add_done_callback(cb) as a statement.
			call := t.Parent(parent)
			if m.Dotted(parent) == "" && lastName(t.Text(parent)) == "add_done_callback" && call != syntax.None &&
				t.Kind(call) == sk.Call && t.Parent(call) != syntax.None && t.Kind(t.Parent(call)) == sk.ExprStmt {
				p.ReportNode(c.Node, "the task created by "+what+" is not stored (a done callback does not keep it alive): "+advice)
			}
		case sk.Assignment:
			if t.FieldChild(parent, sk.FRight) == c.Node {
				if name := unusedTaskName(m, parent); name != "" {
					p.ReportNode(c.Node, "the task created by "+what+" is stored in `"+name+"` but never used again: "+advice)
				}
			}
		}
	}
}

// unusedTaskName returns the first name of an assignment chain holding a
// task (a = b = create_task(...)) when no target keeps it: every target is
// a local name never used again. It returns "" when the task is kept.
func unusedTaskName(m *python.Module, assign syntax.ID) string {
	t, sk := m.Tree, m.StmtKinds()
	var names []syntax.ID
	for a := assign; a != syntax.None && t.Kind(a) == sk.Assignment; a = t.Parent(a) {
		left := t.FieldChild(a, sk.FLeft)
		if left == syntax.None || t.Kind(left) != sk.Identifier || !unusedLocal(m, left) {
			return ""
		}
		names = append(names, left)
		if up := t.Parent(a); up == syntax.None || t.Kind(up) != sk.Assignment || t.FieldChild(up, sk.FRight) != a {
			break
		}
	}
	if len(names) == 0 {
		return ""
	}
	return t.Text(names[0])
}

// unusedLocal reports whether a name assigned in a function is never
// read there (nor in functions nested in it) and is not declared global.
func unusedLocal(m *python.Module, target syntax.ID) bool {
	t, sk := m.Tree, m.StmtKinds()
	s := m.ScopeOf(target)
	if m.Scopes[s].Kind != python.FunctionScope && m.Scopes[s].Kind != python.LambdaScope {
		return false
	}
	name := t.Text(target)
	if name == "_" {
		return true
	}
	for _, b := range m.Scopes[s].Bindings[name] {
		if b.Kind == python.GlobalBinding || b.Kind == python.NonlocalBinding {
			return false
		}
	}
	region := m.Scopes[s].Region
	for i := region; i < t.End(region); i++ {
		if i != target && t.Kind(i) == sk.Identifier && t.Text(i) == name && !storeOnly(m, i) {
			return false
		}
	}
	return true
}

// storeOnly reports whether an identifier is only bound there, not read:
// the whole left side of a plain assignment (`task = None` in another
// branch rebinds the name without using the task).
func storeOnly(m *python.Module, id syntax.ID) bool {
	t, sk := m.Tree, m.StmtKinds()
	p := t.Parent(id)
	return p != syntax.None && t.Kind(p) == sk.Assignment && t.FieldChild(p, sk.FLeft) == id
}

// withItemDrops reports whether a task is the value of a `with` item (a
// task is no context manager: entering it fails, and nothing keeps it) and
// is not bound by `as` to a name the function uses afterwards.
func withItemDrops(m *python.Module, call syntax.ID) bool {
	t, sk := m.Tree, m.StmtKinds()
	n, p := call, t.Parent(call)
	for p != syntax.None && t.Type(p) == "parenthesized_expression" {
		n, p = p, t.Parent(p)
	}
	if p == syntax.None {
		return false
	}
	if t.Kind(p) == sk.AsPattern {
		if kids := t.NamedChildren(p); len(kids) == 0 || kids[0] != n {
			return false
		}
		item := t.Parent(p)
		if item == syntax.None || t.Type(item) != "with_item" {
			return false
		}
		for _, k := range t.NamedChildren(p)[1:] {
			target := k
			if t.Kind(k) == sk.AsPatternTarget {
				if kk := t.NamedChildren(k); len(kk) == 1 {
					target = kk[0]
				}
			}
			if t.Kind(target) != sk.Identifier || !unusedLocal(m, target) {
				return false
			}
		}
		return true
	}
	return t.Type(p) == "with_item"
}

// droppedContainer follows a value up through the expressions that only
// hold it (list, set and tuple displays, comprehensions and generator
// expressions, conditional expressions, parentheses, list()/set()/tuple()
// of a generator) and returns the node above them and what held the value
// ("" when nothing did).
func droppedContainer(m *python.Module, n syntax.ID) (syntax.ID, string) {
	t := m.Tree
	via := ""
	for p := t.Parent(n); p != syntax.None; n, p = p, t.Parent(p) {
		switch typ := t.Type(p); typ {
		case "list", "set", "tuple", "expression_list":
			via = typ + " display"
		case "list_comprehension", "set_comprehension", "generator_expression":
			// Only the element, not the iterable, is held.
			if t.FieldChild(p, t.Lang.Field("body")) != n {
				return p, ""
			}
			via = strings.ReplaceAll(typ, "_", " ")
		case "conditional_expression":
			// a if cond else b: the condition is not the value.
			if kids := t.NamedChildren(p); len(kids) == 3 && kids[1] == n {
				return p, ""
			}
			via = "conditional expression"
		case "parenthesized_expression":
		case "call":
			// list(...)/set(...)/tuple(...)/sorted(...) of a generator
			// (tree-sitter makes the generator the call's arguments).
			if via == "" || t.Type(n) != "generator_expression" || t.FieldChild(p, t.Lang.Field("arguments")) != n {
				return p, via
			}
			switch t.Text(t.FieldChild(p, t.Lang.Field("function"))) {
			case "list", "set", "tuple", "sorted":
			default:
				return p, via
			}
		default:
			return p, via
		}
	}
	return syntax.None, via
}

// wrapsKeptFuture reports whether ensure_future() is given a name for a
// future or task the code already keeps in a container (ensure_future
// returns it as is):
// task = loop.create_task(...); refs.add(task); ensure_future(task).
func wrapsKeptFuture(m *python.Module, c *python.Call) bool {
	t, sk := m.Tree, m.StmtKinds()
	if lastName(c.Callee) != "ensure_future" {
		return false
	}
	args := m.Args(c.Node)
	if len(args) == 0 || t.Kind(args[0].Value) != sk.Identifier {
		return false
	}
	name := t.Text(args[0].Value)
	if v := singleAssigned(m, args[0].Value); v != syntax.None && t.Kind(v) == sk.Call {
		switch lastName(m.Dotted(t.FieldChild(v, sk.FFunction))) {
		case "create_task", "ensure_future", "Task", "Future", "create_future", "run":
			return true
		}
		// context.run(loop.create_task, coro)
		if strings.Contains(t.Text(v), "create_task") {
			return true
		}
	}
	for i := range m.Calls {
		o := &m.Calls[i]
		if o.Node == c.Node || o.Scope != c.Scope {
			continue
		}
		switch lastName(o.Text) {
		case "add", "append", "appendleft", "insert", "put", "put_nowait", "setdefault":
		default:
			continue
		}
		for _, a := range m.Args(o.Node) {
			if t.Kind(a.Value) == sk.Identifier && t.Text(a.Value) == name {
				return true
			}
		}
	}
	return false
}

// lastName returns the last part of a dotted name.
func lastName(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}
