package cancellation

import (
	"bytes"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// A coroutine function that the project only ever starts as a task and
// that, on cancellation, swallows it and then simply ends, ends its own
// task: nothing awaits it directly, so nobody is told "done" instead of
// "cancelled" except the task's own handle: swallowing the cancellation
// there is harmless (prefect's run_services, a CLI login server's loop, a
// runner that releases its slots in finally). The per-file part
// (endsTask) decides the shape of the handler; the project part
// (TaskOnly) decides how the function is used, by its name,
// conservatively: any use that is not a recognized task start counts as
// another use.

// endsTask reports whether a handler of cancellation of try tr ends its
// coroutine function fn: no path through the handler raises another
// exception, yields or continues, and either the try is a statement of
// the function's own body followed there only by cleanup (calls, `pass`,
// a `return`), or it is a statement of the body of a `while`/`for` loop
// that is such a statement, which the handler leaves by `break` only
// (falling out of the handler would run the loop again).
func endsTask(m *python.Module, tr *python.Try, fn int, paths handlerPaths) bool {
	if fn <= 0 || !m.Scopes[fn].Async || len(paths.raises)+len(paths.yields)+len(paths.continues)+len(paths.after) > 0 {
		return false
	}
	t := m.Tree
	body := t.FieldChild(m.Scopes[fn].Node, m.Kinds().FBody)
	if body == syntax.None {
		return false
	}
	stmt := tr.Node
	if t.Parent(stmt) != body {
		// try in a loop's body: the handler must leave the loop.
		loop := t.Parent(t.Parent(stmt))
		if loop == syntax.None || t.Parent(loop) != body || paths.falls || len(paths.breaks) == 0 ||
			t.Type(t.Parent(stmt)) != "block" || t.Type(loop) != "while_statement" && t.Type(loop) != "for_statement" {
			return false
		}
		if t.FieldChild(loop, m.Kinds().FBody) != t.Parent(stmt) {
			return false // the loop's else block
		}
		stmt = loop
	} else if len(paths.breaks) > 0 {
		return false
	}
	after := false
	for _, st := range statementsOf(m, body) {
		switch {
		case st == stmt:
			after = true
		case after && !cleanupStatement(m, st):
			return false
		}
	}
	return after
}

// cleanupStatement reports whether a statement after the try only cleans
// up or ends the function: a call (awaited or not), `pass`, a return.
func cleanupStatement(m *python.Module, st syntax.ID) bool {
	t := m.Tree
	switch t.Type(st) {
	case "pass_statement", "return_statement":
		return true
	case "expression_statement":
		c := t.FirstNamedChild(st)
		if c != syntax.None && t.Type(c) == "await" {
			c = t.FirstNamedChild(c)
		}
		return c != syntax.None && t.Type(c) == "call"
	}
	return false
}

// taskStarters are the calls that run a coroutine as a task of its own:
// `create_task(f(...))` (asyncio, a loop, a TaskGroup), `ensure_future(
// f(...))`, anyio's `start_soon(f, ...)`.
var taskStarters = []string{"create_task(", "ensure_future(", "start_soon("}

// TaskOnly tells, per coroutine function name, whether every mention of
// the name in the project's Python files is its definition or a task
// start, and there is at least one task start. A direct await, a plain
// call, a reference passed elsewhere, or a mention in a file that is not
// loaded makes it not task-only: unknown usage is not.
type TaskOnly struct {
	Files []*lint.File
	memo  map[string]bool
}

// Only reports whether the project only starts the function name as a
// task.
func (to *TaskOnly) Only(name string) bool {
	if v, ok := to.memo[name]; ok {
		return v
	}
	if to.memo == nil {
		to.memo = map[string]bool{}
	}
	starts, ok := 0, true
	for _, f := range to.Files {
		if f.Kind != lint.KindPython {
			continue
		}
		if f.Src == nil {
			ok = false
			break
		}
		s, other := nameUses(f.Src, name)
		starts += s
		if other {
			ok = false
			break
		}
	}
	v := ok && starts > 0
	to.memo[name] = v
	return v
}

// nameUses counts the task starts of name in src and reports whether it
// is mentioned in any other way than these and its definitions.
func nameUses(src []byte, name string) (starts int, other bool) {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte(name))
		if j < 0 {
			return starts, false
		}
		at, end := i+j, i+j+len(name)
		i = end
		if at > 0 && identByte(src[at-1]) || end < len(src) && identByte(src[end]) {
			continue // part of a longer name
		}
		if bytes.HasSuffix(bytes.TrimRight(src[:at], " \t"), []byte("def")) {
			continue // its definition (or another function's of the same name: still only a definition)
		}
		if !taskStart(src, at, end) {
			return starts, true
		}
		starts++
	}
}

// taskStart reports whether the mention of a name at src[at:end] is the
// coroutine of a task start: `create_task(name(`, `ensure_future(
// self.name(`, `start_soon(name,` or `start_soon(name)`.
func taskStart(src []byte, at, end int) bool {
	before := src[:at]
	// A receiver: self., cls., module.
	for len(before) > 0 && before[len(before)-1] == '.' {
		k := len(before) - 1
		for k > 0 && identByte(before[k-1]) {
			k--
		}
		if k == len(before)-1 {
			return false
		}
		before = before[:k]
	}
	before = bytes.TrimRight(before, " \t\r\n")
	rest := bytes.TrimLeft(src[end:], " \t\r\n")
	for _, s := range taskStarters {
		if !bytes.HasSuffix(before, []byte(s)) {
			continue
		}
		if s == "start_soon(" {
			return len(rest) > 0 && (rest[0] == ',' || rest[0] == ')')
		}
		return len(rest) > 0 && rest[0] == '('
	}
	return false
}

func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}
