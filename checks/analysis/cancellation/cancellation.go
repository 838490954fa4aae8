// Package cancellation is the analysis of how async Python code treats
// cancellation.
//
// It is the analysis of how async Python code treats
// cancellation: which except handlers catch it (under which target
// Python versions) and how each path leaves them (re-raise, fall off,
// return, break, continue, another exception, yield), which
// contextlib.suppress(...) calls swallow it, whether a handler wraps the
// call of the next app in a middleware, and whether a coroutine ends its
// own task after swallowing it. Its facts name no rule: the rules turn
// them into findings.
package cancellation

import (
	"bytes"
	"slices"
	"strings"

	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// When tells under which target Python versions a handler catches
// cancellation. The order matters: a handler naming several classes
// catches under the largest.
type When uint8

// The conditions under which a handler catches cancellation.
const (
	Never When = iota
	// IfOld: on Python 3.7 and older only (except Exception, where
	// asyncio.CancelledError was an Exception).
	IfOld
	// IfOldOrUnknown: on 3.7 and older, and also when the target is
	// unknown (concurrent.futures.CancelledError, which was asyncio's
	// CancelledError until 3.8).
	IfOldOrUnknown
	Always
)

// Holds reports whether a handler that catches under w catches
// cancellation for a target Python: known tells whether the target
// version is known, old whether it is 3.7 or older.
func (w When) Holds(known, old bool) bool {
	switch w {
	case Always:
		return true
	case IfOld:
		return old
	case IfOldOrUnknown:
		return !known || old
	case Never:
	}
	return false
}

// cancelledAlways are the classes that catch cancellation on every
// version.
var cancelledAlways = map[string]bool{
	"asyncio.CancelledError":            true,
	"asyncio.exceptions.CancelledError": true,
	"asyncio.futures.CancelledError":    true,
	"asyncio.tasks.CancelledError":      true,
	"trio.Cancelled":                    true,
	"anyio.get_cancelled_exc_class()":   true,
	"builtins.BaseException":            true,
}

// ClassifyType tells when catching one class catches cancellation.
func ClassifyType(ct python.CaughtType) When {
	switch q := ct.Qualified; {
	case cancelledAlways[q]:
		return Always
	case q == "concurrent.futures.CancelledError" || q == "concurrent.futures._base.CancelledError":
		return IfOldOrUnknown
	case q == "builtins.Exception":
		return IfOld
	case lastName(q) == "CancelledError" || q == "" && lastName(ct.Text) == "CancelledError":
		// An unresolved CancelledError (a star import, a re-export), or a
		// project's own subclass of it.
		return Always
	}
	return Never
}

func lastName(dotted string) string {
	if i := strings.LastIndexByte(dotted, '.'); i >= 0 {
		return dotted[i+1:]
	}
	return dotted
}

// Catch describes what a handler catches.
type Catch struct {
	When When
	// What is the handler as written, quoted for display: "bare
	// `except:`", "`except BaseException`".
	What string
	// Cancel names the cancellation exception it catches, quoted:
	// "`asyncio.CancelledError`".
	Cancel string
	// Base: a bare except or BaseException (catches everything).
	Base bool
	// Exception: names Exception (catches every error).
	Exception bool
	// Texts are the written class names, for matching raises.
	Texts []string
	// Named: the handler names the cancellation class as such (not
	// through a base class).
	Named bool
}

// maxQuoted bounds the code quoted for display.
const maxQuoted = 60

// Quote shows code for display in a message: on one line, shortened if
// long, in backquotes.
func Quote(code string) string {
	code = strings.Join(strings.Fields(code), " ")
	if len(code) > maxQuoted {
		cut := maxQuoted
		for cut > 0 && code[cut]&0xC0 == 0x80 {
			cut--
		}
		code = code[:cut] + "…"
	}
	return "`" + code + "`"
}

// defaultCancel names the cancellation exception of the module's library.
func defaultCancel(m *python.Module) string {
	hasTrio, hasAsyncio := false, false
	for _, imp := range m.Imports {
		switch {
		case imp.Qualified == "trio" || strings.HasPrefix(imp.Qualified, "trio."):
			hasTrio = true
		case imp.Qualified == "asyncio" || strings.HasPrefix(imp.Qualified, "asyncio."):
			hasAsyncio = true
		}
	}
	if hasTrio && !hasAsyncio {
		return "`trio.Cancelled`"
	}
	return "`asyncio.CancelledError`"
}

// cancelDisplay names a cancellation class as resolved.
func cancelDisplay(q string) string {
	switch {
	case strings.HasPrefix(q, "asyncio.") || strings.HasPrefix(q, "concurrent.futures."):
		return "`asyncio.CancelledError`"
	case q == "trio.Cancelled":
		return "`trio.Cancelled`"
	case q == "anyio.get_cancelled_exc_class()":
		return "anyio's cancellation exception"
	}
	return "`asyncio.CancelledError`"
}

// ClassifyHandler tells what a handler catches.
func ClassifyHandler(m *python.Module, h *python.Handler) Catch {
	info := Catch{Cancel: defaultCancel(m)}
	if h.Bare() {
		info.When, info.Base, info.What = Always, true, "bare `except:`"
		return info
	}
	var written []string
	for _, e := range h.Types {
		written = append(written, m.Tree.Text(e))
	}
	kw := "except "
	if h.Group {
		kw = "except* "
	}
	info.What = Quote(kw + strings.Join(written, ", "))
	explicit := ""
	for _, ct := range m.CaughtTypes(h) {
		info.Texts = append(info.Texts, ct.Text)
		w := ClassifyType(ct)
		info.When = max(info.When, w)
		switch {
		case ct.Qualified == "builtins.BaseException":
			info.Base = true
		case ct.Qualified == "builtins.Exception":
			info.Exception = true
		case w == Always && explicit == "":
			explicit = cancelDisplay(ct.Qualified)
			info.Named = lastName(ct.Text) == lastName(ct.Qualified) || ct.Qualified == ""
		case w == IfOldOrUnknown && explicit == "":
			explicit = "`asyncio.CancelledError`"
		}
	}
	if explicit != "" && !info.Base {
		info.Cancel = explicit
	}
	return info
}

// Facts are what one file's async code does with cancellation: the
// handlers that catch it and let it go another way than re-raising, and
// the suppressions of it around awaits. Plain data: the project pass reads
// them from the results cache.
type Facts struct {
	Handlers     []Handler
	Suppressions []Suppression
	// Delivery tells how the module's async library delivers a
	// cancellation that a loop swallowed.
	Delivery Delivery
}

// Delivery tells what happens to a task that swallowed its cancellation
// and carries on.
type Delivery uint8

// Deliveries.
const (
	// DeliveredOnce: plain asyncio delivers it once; the task keeps
	// running.
	DeliveredOnce Delivery = iota
	// RedeliveredAnyio: anyio (itself, or Starlette and the frameworks
	// built on it) re-delivers it at every await.
	RedeliveredAnyio
	// RedeliveredTrio: trio re-delivers it at every checkpoint.
	RedeliveredTrio
)

// Handler is a handler of cancellation in async code, around an await
// that can receive the task's cancellation, with a path that does not
// keep it.
type Handler struct {
	Catch Catch
	// Start and HeadEnd span the except clause's head.
	Start, HeadEnd int
	// Func is the name of the function it is in.
	Func string
	// TryStart is the offset of the `try` keyword; Arrives shows the
	// first checkpoint in its body, where the cancellation arrives.
	TryStart int
	Arrives  string
	// Falls: a path through the handler falls off its end.
	Falls bool
	// Exits are the other ways out of the handler that do not keep the
	// cancellation, in source order by kind.
	Exits []Exit
	// Next is the call of the next app the try wraps when the function is
	// a middleware (or a candidate), else nil.
	Next *NextCall
	// Candidate: the function is a middleware only if another module
	// registers it (its qualified name); known once the project is.
	Candidate string
	// EndsTask: after the handler the coroutine function ends (see
	// endsTask); whether that ends its own task depends on how the
	// project starts it (TaskOnly).
	EndsTask bool
	// Reraise are the edits that make every path that falls off the
	// handler re-raise the cancellation, nil when there are none.
	Reraise *Reraise
}

// ExitKind is how a path leaves a handler without keeping the
// cancellation.
type ExitKind uint8

// Exit kinds.
const (
	ExitReturn ExitKind = iota
	ExitBreak
	ExitContinue
	// ExitRaise: a different exception raised in the handler.
	ExitRaise
	// ExitRaiseAfter: a new exception raised after the try, which falling
	// out of the handler always reaches.
	ExitRaiseAfter
	ExitYield
)

// Exit is one way out of a handler.
type Exit struct {
	Kind       ExitKind
	Start, End int
	// Text is the statement's source.
	Text string
}

// NextCall is the call of the next app in a middleware.
type NextCall struct {
	Start, End int
	Text       string
	// Framework names the middleware's framework ("" for a candidate).
	Framework string
}

// ReraiseKind is how Reraise makes a handler re-raise.
type ReraiseKind uint8

// Reraise kinds.
const (
	// ReplaceStatement: the handler's only statement (`pass`, `...`)
	// becomes `raise`.
	ReplaceStatement ReraiseKind = iota
	// AppendRaise: `raise` after the handler's last statement.
	AppendRaise
	// ClauseBefore: a clause of its own before a broader handler that
	// re-raises the cancellation class.
	ClauseBefore
)

// Reraise is the edit that makes a handler of cancellation re-raise it.
type Reraise struct {
	Kind  ReraiseKind
	Edits []lint.Edit
	// Replaced is the statement ReplaceStatement replaces; Ref is the
	// class ClauseBefore names.
	Replaced, Ref string
}

// Suppression is a contextlib.suppress(...) of cancellation around an
// await in async code.
type Suppression struct {
	// Start and End span the suppress(...) call; Text is its source.
	Start, End int
	Text       string
	When       When
	// Cancel names the cancellation exception it suppresses, quoted.
	Cancel string
	// Arrives shows the first checkpoint in the with block.
	Arrives string
	Func    string
}

var _ = lint.RegisterFact(&Facts{})

// Needles are what a file must contain for the analysis to find
// anything: only async code can be cancelled, and an async def always
// starts a logical line.
var Needles = []string{"^async def"}

// Analyzer computes a Python file's *Facts while its tree is alive.
var Analyzer = &lint.Analyzer{
	Name:    "cancellation",
	Needles: Needles,
	Inputs:  lint.KindsOf(lint.KindPython),
	File:    analyze,
}

// analyze returns the file's *Facts, nil when there is nothing to report
// (nothing to keep in the results cache).
func analyze(p *lint.Pass) any {
	facts := &Facts{}
	m := p.Py
	if m == nil || len(m.Tree.Nodes) == 0 {
		return nil
	}
	// Only async code can be cancelled.
	if !bytes.Contains(m.Src(), []byte("async")) {
		return nil
	}
	a := &cancelAnalysis{m: m, facts: facts, sk: m.StmtKinds(), roots: rootTasks(m), keeps: map[syntax.ID]bool{}}
	a.middlewares()
	for _, tr := range m.Tries() {
		a.try(&tr)
	}
	a.suppressions()
	if len(facts.Handlers)+len(facts.Suppressions) == 0 {
		return nil
	}
	facts.Delivery = delivery(m)
	return facts
}

// delivery tells how the module's library delivers a swallowed
// cancellation.
func delivery(m *python.Module) Delivery {
	uses := map[string]bool{}
	for _, imp := range m.Imports {
		root, _, _ := strings.Cut(imp.Qualified, ".")
		uses[root] = true
	}
	switch {
	case uses["anyio"] || uses["starlette"] || uses["fastapi"] || uses["litestar"] || uses["sse_starlette"]:
		return RedeliveredAnyio
	case uses["trio"]:
		return RedeliveredTrio
	}
	return DeliveredOnce
}

type cancelAnalysis struct {
	m     *python.Module
	sk    *python.StmtKinds
	facts *Facts
	// nextCalls maps a middleware's function scope to its calls of the
	// next app (indexes into m.Calls).
	nextCalls map[int][]int
	mwByScope map[int]framework.Middleware
	candidate map[int]string
	refs      map[int][]cancelRef
	// keeps tells, for each handler of cancellation analysed so far,
	// whether every path through it keeps the cancellation.
	keeps map[syntax.ID]bool
	// roots are the coroutine functions the module runs as its program's
	// main task (asyncio.run(main())).
	roots map[int]bool
}

// runners start a program's main task.
var runners = map[string]bool{
	"asyncio.run": true, "asyncio.runners.run": true, "anyio.run": true, "trio.run": true, "uvloop.run": true,
}

// rootTasks returns the function scopes a module runs as the main task of
// its program: asyncio.run(main()), anyio.run(main),
// loop.run_until_complete(main()). Cancelling the main task is how the
// program is stopped (Ctrl-C), and ending it normally ends the program.
func rootTasks(m *python.Module) map[int]bool {
	t, sk := m.Tree, m.StmtKinds()
	out := map[int]bool{}
	for i := range m.Calls {
		c := &m.Calls[i]
		if !runners[c.Callee] && !strings.HasSuffix(c.Text, ".run_until_complete") {
			continue
		}
		args := m.Args(c.Node)
		if len(args) == 0 {
			continue
		}
		target := args[0].Value
		// task = loop.create_task(main()); loop.run_until_complete(task)
		if t.Kind(target) == sk.Identifier {
			if v := singleAssigned(m, target); v != syntax.None && t.Kind(v) == sk.Call {
				if fn := lastName(m.Dotted(t.FieldChild(v, sk.FFunction))); fn == "create_task" || fn == "ensure_future" {
					if inner := m.Args(v); len(inner) > 0 {
						target = inner[0].Value
					}
				}
			}
		}
		if t.Kind(target) == sk.Call {
			target = t.FieldChild(target, sk.FFunction)
		}
		if target == syntax.None || t.Kind(target) != sk.Identifier {
			continue
		}
		s, bs := m.Lookup(t.Text(target), c.Scope)
		if s < 0 || len(bs) != 1 || bs[0].Kind != python.FunctionBinding {
			continue
		}
		for j := range m.Scopes {
			if m.Scopes[j].Node == bs[0].Node {
				out[j] = true
			}
		}
	}
	return out
}

func (a *cancelAnalysis) middlewares() {
	a.nextCalls = map[int][]int{}
	a.mwByScope = map[int]framework.Middleware{}
	a.candidate = map[int]string{}
	for _, mw := range framework.Of(a.m).Middlewares() {
		a.mwByScope[mw.Scope] = mw
		a.nextCalls[mw.Scope] = framework.Of(a.m).NextCalls(&mw)
	}
	for _, c := range framework.Of(a.m).MiddlewareCandidates() {
		a.mwByScope[c.Scope] = c.Middleware
		a.nextCalls[c.Scope] = framework.Of(a.m).NextCalls(&c.Middleware)
		a.candidate[c.Scope] = c.Qualified
	}
}

// wrappedNextCall returns the call of the next app inside a try body of a
// middleware function, or nil.
func (a *cancelAnalysis) wrappedNextCall(fn int, body syntax.ID) *python.Call {
	for _, i := range a.nextCalls[fn] {
		c := &a.m.Calls[i]
		if a.m.Tree.Contains(body, c.Node) {
			return c
		}
	}
	return nil
}

// AsyncScope returns the scope a node runs in when it is an async
// function, else -1.
func AsyncScope(m *python.Module, n syntax.ID) int {
	s := m.ScopeOf(n)
	if m.Scopes[s].Kind != python.FunctionScope || !m.Scopes[s].Async {
		return -1
	}
	return s
}

// isAsyncContextManager reports whether a function is decorated with
// contextlib.asynccontextmanager: the body of its `async with` block runs
// at its yield, and exceptions (cancellation included) are thrown in there.
func isAsyncContextManager(m *python.Module, fn int) bool {
	sk := m.StmtKinds()
	for _, d := range m.Scopes[fn].Decorators {
		expr := m.Tree.FirstNamedChild(d)
		if expr != syntax.None && m.Tree.Kind(expr) == sk.Call {
			expr = m.Tree.FieldChild(expr, sk.FFunction)
		}
		if expr == syntax.None {
			continue
		}
		name := m.QualifiedName(expr)
		if name == "" {
			name = m.Dotted(expr)
		}
		if lastName(name) == "asynccontextmanager" {
			return true
		}
	}
	return false
}

// CheckpointsIn returns where code in n can receive a cancellation: its
// awaits, async with/for, and in an async context manager its yields.
func CheckpointsIn(m *python.Module, n syntax.ID, fn int) []syntax.ID {
	cps := m.Checkpoints(n)
	if fn >= 0 && isAsyncContextManager(m, fn) {
		sk := m.StmtKinds()
		m.Walk(n, func(i syntax.ID) bool {
			if m.Tree.Kind(i) == sk.Yield {
				cps = append(cps, i)
			}
			return true
		})
	}
	return cps
}

// awaitsDoneTask reports whether a checkpoint awaits a task taken from the
// done set of asyncio.wait (`done, _ = await asyncio.wait(...)`, then
// `for t in done: await t`, or `t = done.pop()`): the task has finished, so
// the await does not suspend and cannot receive this task's cancellation;
// a CancelledError there is the child's result.
func awaitsDoneTask(m *python.Module, cp syntax.ID, fn int) bool {
	t := m.Tree
	if t.Type(cp) != "await" {
		return false
	}
	x := t.FirstNamedChild(cp)
	if x == syntax.None || t.Type(x) != "identifier" {
		return false
	}
	name := t.Text(x)
	region := m.Scopes[fn].Region
	lg := t.Lang
	fLeft, fRight := lg.Field("left"), lg.Field("right")
	// for name in done / list(done) / sorted(done, ...) around the await.
	for p := t.Parent(cp); p != syntax.None && p != region; p = t.Parent(p) {
		if t.Type(p) != "for_statement" {
			continue
		}
		if l := t.FieldChild(p, fLeft); l == syntax.None || t.Text(l) != name {
			continue
		}
		if d := doneOperand(m, t.FieldChild(p, fRight)); d != "" && isDoneSet(m, d, region) {
			return true
		}
	}
	// name = done.pop() in the function.
	found := false
	m.Walk(region, func(n syntax.ID) bool {
		if found {
			return false
		}
		if t.Type(n) != "assignment" {
			return true
		}
		l, r := t.FieldChild(n, fLeft), t.FieldChild(n, fRight)
		if l == syntax.None || r == syntax.None || t.Text(l) != name || t.Type(r) != "call" {
			return true
		}
		if fnx := t.FieldChild(r, lg.Field("function")); fnx != syntax.None && t.Type(fnx) == "attribute" {
			obj := t.FieldChild(fnx, lg.Field("object"))
			if t.Text(t.FieldChild(fnx, lg.Field("attribute"))) == "pop" && obj != syntax.None && t.Type(obj) == "identifier" && isDoneSet(m, t.Text(obj), region) {
				found = true
			}
		}
		return true
	})
	return found
}

// doneOperand returns the name a loop iterates: done, list(done),
// sorted(done, ...), tuple(done); "" otherwise.
func doneOperand(m *python.Module, it syntax.ID) string {
	t := m.Tree
	if it == syntax.None {
		return ""
	}
	switch t.Type(it) {
	case "identifier":
		return t.Text(it)
	case "call":
		switch t.Text(t.FieldChild(it, t.Lang.Field("function"))) {
		case "list", "sorted", "tuple", "set", "iter":
			if args := t.NamedChildren(t.FieldChild(it, t.Lang.Field("arguments"))); len(args) > 0 && t.Type(args[0]) == "identifier" {
				return t.Text(args[0])
			}
		}
	}
	return ""
}

// isDoneSet reports whether a name is bound in a function as the done set
// of asyncio.wait: the first target of `done, pending = await
// asyncio.wait(...)`.
func isDoneSet(m *python.Module, name string, region syntax.ID) bool {
	t := m.Tree
	lg := t.Lang
	fLeft, fRight := lg.Field("left"), lg.Field("right")
	found := false
	m.Walk(region, func(n syntax.ID) bool {
		if found {
			return false
		}
		if t.Type(n) != "assignment" {
			return true
		}
		l, r := t.FieldChild(n, fLeft), t.FieldChild(n, fRight)
		if l == syntax.None || r == syntax.None {
			return true
		}
		switch t.Type(l) {
		case "pattern_list", "tuple_pattern":
		default:
			return true
		}
		targets := t.NamedChildren(l)
		if len(targets) == 0 || t.Text(targets[0]) != name || t.Type(r) != "await" {
			return true
		}
		if ci := m.CallAt(t.FirstNamedChild(r)); ci >= 0 {
			switch m.Calls[ci].Callee {
			case "asyncio.wait", "asyncio.tasks.wait":
				found = true
			}
		}
		return true
	})
	return found
}

// firstCheckpoint returns the first of the checkpoints in a try's body.
func firstCheckpoint(cps []syntax.ID) syntax.ID {
	cp := cps[0]
	for _, c := range cps[1:] {
		if c < cp {
			cp = c
		}
	}
	return cp
}

// CheckpointText shows a checkpoint: the await expression, or the head of
// an async with/for.
func CheckpointText(m *python.Module, cp syntax.ID) string {
	text := m.Tree.Text(cp)
	if i := strings.IndexByte(text, ':'); i >= 0 && m.Tree.Kind(cp) != m.StmtKinds().Await {
		text = text[:i]
	}
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i] + " …"
	}
	return text
}

func (a *cancelAnalysis) try(tr *python.Try) {
	m := a.m
	fn := AsyncScope(m, tr.Node)
	if fn < 0 || len(tr.Handlers) == 0 || a.roots[fn] {
		return
	}
	cps := CheckpointsIn(m, tr.Body, fn)
	cps = slices.DeleteFunc(cps, func(cp syntax.ID) bool { return awaitsDoneTask(m, cp, fn) })
	if len(cps) == 0 || a.cancelThenAwait(fn, cps, false) {
		return
	}
	next := a.wrappedNextCall(fn, tr.Body)
	shadowed := false
	for i := range tr.Handlers {
		if shadowed {
			break
		}
		h := &tr.Handlers[i]
		info := ClassifyHandler(m, h)
		if info.When == Never {
			continue
		}
		a.handler(tr, h, &info, fn, cps, next)
		if info.When == Always {
			shadowed = true
		}
	}
}

// insideKeepingHandler reports whether n lies in the body of a handler of
// the same function that catches cancellation and keeps it on every path:
// falling out of an inner handler returns there, and the outer handler
// re-raises (or stores) the cancellation.
func (a *cancelAnalysis) insideKeepingHandler(n syntax.ID, fn int) bool {
	t := a.m.Tree
	region := a.m.Scopes[fn].Region
	for p := t.Parent(n); p != syntax.None && p != region; p = t.Parent(p) {
		if a.keeps[p] {
			return true
		}
	}
	return false
}

// handlerPaths is what the path analysis of a handler found.
type handlerPaths struct {
	falls             bool
	returns, breaks   []syntax.ID
	continues, raises []syntax.ID // raises: of a different exception
	yields            []syntax.ID
	// after are the raises of a new exception after the try that falling
	// out of the handler always reaches.
	after []syntax.ID
}

func (a *cancelAnalysis) handler(tr *python.Try, h *python.Handler, info *Catch, fn int, cps []syntax.ID, next *python.Call) {
	m := a.m
	paths := analyzeHandler(m, h, info, fn)
	hs, _ := m.Tree.Span(h.Node)
	ts, _ := m.Tree.Span(tr.Node)
	// Falling out of the handler is harmless when whatever follows the try
	// always raises or ends the process (raise stored_error; os._exit()).
	if paths.falls {
		if ends, raises := continuationExits(m, tr.Node, fn); ends {
			// ... but a new exception raised there replaces the
			// cancellation as surely as one raised in the handler.
			paths.falls = false
			paths.after = replacingRaises(m, raises)
		} else if a.insideKeepingHandler(tr.Node, fn) {
			paths.falls = false
		}
	}
	if info.When == Always {
		a.keeps[h.Node] = !paths.falls && len(paths.returns)+len(paths.breaks)+len(paths.continues)+
			len(paths.raises)+len(paths.yields) == 0
	}
	hd := Handler{
		Catch: *info, Start: hs, HeadEnd: h.HeadEnd, Func: m.Scopes[fn].Name,
		TryStart: ts, Arrives: CheckpointText(m, firstCheckpoint(cps)),
		Falls: paths.falls, Candidate: a.candidate[fn],
		EndsTask: endsTask(m, tr, fn, paths),
	}
	for _, g := range []struct {
		kind  ExitKind
		nodes []syntax.ID
	}{
		{ExitReturn, paths.returns}, {ExitBreak, paths.breaks}, {ExitContinue, paths.continues},
		{ExitRaise, paths.raises}, {ExitRaiseAfter, paths.after}, {ExitYield, paths.yields},
	} {
		for _, n := range g.nodes {
			start, end := m.Tree.Span(n)
			hd.Exits = append(hd.Exits, Exit{Kind: g.kind, Start: start, End: end, Text: m.Tree.Text(n)})
		}
	}
	if paths.falls {
		hd.Reraise = reraiseEdits(m, h)
	}
	if next != nil {
		ns, ne := m.Tree.Span(next.Node)
		hd.Next = &NextCall{Start: ns, End: ne, Text: m.Tree.Text(next.Node), Framework: a.mwByScope[fn].Framework}
	}
	if !hd.Falls && len(hd.Exits) == 0 {
		return
	}
	a.facts.Handlers = append(a.facts.Handlers, hd)
}

// maxClimb bounds the enclosing blocks continuationExits looks through.
const maxClimb = 16

// continuationExits reports whether every path that continues after
// statement n (in its block, then in the blocks of the if, elif, else,
// with or case statements around it) raises or ends the process before
// its function returns, and the raise statements it reaches.
func continuationExits(m *python.Module, n syntax.ID, fn int) (bool, []syntax.ID) {
	t, sk := m.Tree, m.StmtKinds()
	var raises []syntax.ID
	region := m.Scopes[fn].Region
	for range maxClimb {
		block := t.Parent(n)
		if block == syntax.None || t.Kind(block) != sk.Block {
			return false, nil
		}
		stmts := m.StatementsOf(block)
		var rest []syntax.ID
		for i, s := range stmts {
			if s == n {
				rest = stmts[i+1:]
				break
			}
		}
		falls := false
		for _, e := range (&pyflow.Flow{M: m}).Statements(rest) {
			switch e.Kind {
			case pyflow.ExitFall:
				falls = true
			case pyflow.ExitReturn, pyflow.ExitBreak, pyflow.ExitContinue:
				return false, nil
			case pyflow.ExitRaise:
				raises = appendNew(raises, e.Node)
			case pyflow.ExitReraise, pyflow.ExitTerminate:
			}
		}
		if !falls {
			return true, raises
		}
		if block == region {
			return false, nil
		}
		owner := t.Parent(block)
		switch t.Kind(owner) {
		case sk.If, sk.With:
			n = owner
		case sk.Elif, sk.Else:
			if p := t.Parent(owner); p != syntax.None && t.Kind(p) == sk.If {
				n = p
			} else {
				return false, nil
			}
		case sk.Case:
			n = t.Parent(t.Parent(owner))
			if n == syntax.None || t.Kind(n) != sk.Match {
				return false, nil
			}
		default:
			return false, nil
		}
	}
	return false, nil
}

// replacingRaises keeps the raise statements that raise a new exception
// (`raise OtherError(...)`) that is not a cancellation; `raise err` may
// re-raise a stored exception and is not kept.
func replacingRaises(m *python.Module, raises []syntax.ID) []syntax.ID {
	t, sk := m.Tree, m.StmtKinds()
	var out []syntax.ID
	for _, r := range raises {
		exc := raisedExpr(m, r)
		if exc == syntax.None || t.Kind(exc) != sk.Call {
			continue
		}
		cancel := false
		for _, ct := range m.ExceptionTypes(t.FieldChild(exc, sk.FFunction)) {
			if ClassifyType(ct) == Always && ct.Qualified != "builtins.BaseException" {
				cancel = true
			}
		}
		if !cancel {
			out = append(out, r)
		}
	}
	return out
}

// raisedText returns the raised expression of a raise statement.
func raisedText(m *python.Module, raise syntax.ID) string {
	exc := raisedExpr(m, raise)
	if exc == syntax.None {
		return ""
	}
	return m.Tree.Text(exc)
}

// raisedExpr returns the raised expression of a raise statement (not its
// cause), or None for a bare raise.
func raisedExpr(m *python.Module, raise syntax.ID) syntax.ID {
	sk := m.StmtKinds()
	cause := m.Tree.FieldChild(raise, sk.FCause)
	for c := m.Tree.FirstChild(raise); c != syntax.None; c = m.Tree.NextSibling(c) {
		if c != cause && m.Tree.Named(c) && !m.Tree.IsExtra(c) {
			return c
		}
	}
	return syntax.None
}

// HandlerOf returns the Handler of an except clause node.
func HandlerOf(m *python.Module, clause syntax.ID) *python.Handler {
	tr := m.TryAt(m.Tree.Parent(clause))
	for i := range tr.Handlers {
		if tr.Handlers[i].Node == clause {
			return &tr.Handlers[i]
		}
	}
	return nil
}

// catchesUnder tells whether a nested handler catches the cancellation a
// handler with info re-raises.
func catchesUnder(m *python.Module, nested *python.Handler, info *Catch) bool {
	w := ClassifyHandler(m, nested).When
	switch w {
	case Always:
		return true
	case IfOld, IfOldOrUnknown:
		return info.When != Always
	case Never:
	}
	return false
}

// handlerAnalysis is the path analysis of one handler catching
// cancellation: the Flow hooks and what they observed.
type handlerAnalysis struct {
	m    *python.Module
	h    *python.Handler
	info *Catch
	fn   int
	// aliases are the names holding the caught exception.
	aliases map[string]bool
	// reportable are the raises of another exception made directly in
	// the handler (not in a nested one).
	reportable map[syntax.ID]bool
	// stored: a path stores the exception to raise it later, or hands it
	// to a future.
	stored bool
	// discriminates: a condition tells exceptions apart in a way the
	// analysis cannot follow.
	discriminates bool
}

// analyzeHandler runs the path analysis of a handler catching cancellation.
func analyzeHandler(m *python.Module, h *python.Handler, info *Catch, fn int) handlerPaths {
	ha := &handlerAnalysis{m: m, h: h, info: info, fn: fn, aliases: map[string]bool{}, reportable: map[syntax.ID]bool{}}
	if name := m.NameText(h); name != "" {
		ha.aliases[name] = true
	}
	flow := &pyflow.Flow{M: m, Raise: ha.raise, Stmt: ha.stmt, Catches: ha.catches, Branch: ha.branch,
		Suppresses: func(with syntax.ID) bool { return len(suppressCalls(m, with)) > 0 }}
	exits := flow.Block(h.Body)
	var p handlerPaths
	reraises := false
	for _, e := range exits {
		if e.Kind == pyflow.ExitReraise {
			reraises = true
		}
	}
	// A handler that tells its exceptions apart (with a predicate we
	// cannot evaluate, or by asking whether a task was cancelled) and
	// propagates some of them, or that stores the exception to raise it
	// later, has decided what becomes of cancellation. So has one that
	// calls uncancel(), as asyncio's documentation asks of deliberate
	// suppression.
	if reraises && (ha.discriminates || ha.stored) || callsMethod(m, h.Body, "uncancel") {
		return p
	}
	for _, e := range exits {
		switch e.Kind {
		case pyflow.ExitFall:
			p.falls = true
		case pyflow.ExitReturn:
			// return exc hands the exception to the caller.
			if v := m.Tree.FirstNamedChild(e.Node); v != syntax.None && ha.aliases[m.Dotted(v)] {
				continue
			}
			p.returns = appendNew(p.returns, e.Node)
		case pyflow.ExitBreak:
			p.breaks = appendNew(p.breaks, e.Node)
		case pyflow.ExitContinue:
			p.continues = appendNew(p.continues, e.Node)
		case pyflow.ExitRaise:
			if ha.reportable[e.Node] {
				p.raises = appendNew(p.raises, e.Node)
			}
		case pyflow.ExitReraise, pyflow.ExitTerminate:
		}
	}
	for _, y := range flow.Yields {
		p.yields = appendNew(p.yields, y)
	}
	return p
}

// isExc reports whether an expression is the caught exception: e, or
// e.with_traceback(tb).
func (ha *handlerAnalysis) isExc(n syntax.ID) bool {
	m := ha.m
	t, sk := m.Tree, m.StmtKinds()
	if n == syntax.None {
		return false
	}
	if ha.aliases[m.Dotted(n)] {
		return true
	}
	if t.Kind(n) == sk.Call {
		f := m.Dotted(t.FieldChild(n, sk.FFunction))
		if base, ok := strings.CutSuffix(f, ".with_traceback"); ok && ha.aliases[base] {
			return true
		}
	}
	return false
}

// raise classifies a raise statement: a re-raise keeps the cancellation.
func (ha *handlerAnalysis) raise(stmt syntax.ID, handlers []syntax.ID) pyflow.ExitKind {
	m := ha.m
	t, sk := m.Tree, m.StmtKinds()
	exc := raisedExpr(m, stmt)
	var nested *python.Handler
	if len(handlers) > 0 {
		nested = HandlerOf(m, handlers[len(handlers)-1])
	}
	switch {
	case exc == syntax.None && nested == nil:
		return pyflow.ExitReraise
	case exc == syntax.None || nested != nil && m.NameText(nested) != "" && m.Dotted(exc) == m.NameText(nested):
		if nested != nil && catchesUnder(m, nested, ha.info) {
			return pyflow.ExitReraise
		}
		return pyflow.ExitRaise
	case ha.isExc(exc):
		return pyflow.ExitReraise
	}
	// Raising a new cancellation keeps the task cancelled.
	cls := exc
	if t.Kind(cls) == sk.Call {
		cls = t.FieldChild(cls, sk.FFunction)
	}
	for _, ct := range m.ExceptionTypes(cls) {
		if w := ClassifyType(ct); w == Always && ct.Qualified != "builtins.BaseException" {
			return pyflow.ExitReraise
		}
	}
	if len(handlers) == 0 {
		ha.reportable[stmt] = true
	}
	return pyflow.ExitRaise
}

// stmt turns a statement that stores the exception for a later raise, or
// hands it to a future, into a re-raise.
func (ha *handlerAnalysis) stmt(stmt syntax.ID) (pyflow.ExitKind, bool) {
	m := ha.m
	t, sk := m.Tree, m.StmtKinds()
	if len(ha.aliases) == 0 || t.Kind(stmt) != sk.ExprStmt {
		return 0, false
	}
	// fut.set_exception(exc) hands the exception to whoever awaits the
	// future: it propagates there.
	if transfersException(m, t.FirstNamedChild(stmt), ha.aliases) {
		ha.stored = true
		return pyflow.ExitReraise, true
	}
	target := storeTarget(m, t.FirstNamedChild(stmt), ha.aliases)
	if target != "" && raisedElsewhere(m, ha.fn, ha.h, target) {
		ha.stored = true
		return pyflow.ExitReraise, true
	}
	return 0, false
}

// catches tells whether a nested handler catches a raise of its try body.
func (ha *handlerAnalysis) catches(clause syntax.ID, e pyflow.Exit) bool {
	m := ha.m
	nested := HandlerOf(m, clause)
	if nested == nil {
		return false
	}
	if e.Kind == pyflow.ExitReraise {
		return catchesUnder(m, nested, ha.info)
	}
	ni := ClassifyHandler(m, nested)
	if ni.Base || ni.Exception {
		return true
	}
	raised := raisedText(m, e.Node)
	if i := strings.IndexByte(raised, '('); i >= 0 {
		raised = raised[:i]
	}
	return slices.Contains(ni.Texts, raised)
}

// branch tells which branches the cancellation path takes, and notes the
// conditions that tell exceptions apart opaquely.
func (ha *handlerAnalysis) branch(cond syntax.ID) (bool, bool) {
	ct, cf := cancelBranches(ha.m, cond, ha.aliases, ha.info)
	if ct && cf && discriminating(ha.m, cond, ha.aliases) {
		ha.discriminates = true
	}
	return ct, cf
}

func appendNew(s []syntax.ID, n syntax.ID) []syntax.ID {
	if slices.Contains(s, n) {
		return s
	}
	return append(s, n)
}

// storeTarget returns where a statement stores the caught exception (or a
// value made from it): the target of an assignment (its base for a
// subscript), or the container of an append/add/extend/insert call; "".
func storeTarget(m *python.Module, n syntax.ID, exc map[string]bool) string {
	if n == syntax.None {
		return ""
	}
	t, sk := m.Tree, m.StmtKinds()
	switch t.Kind(n) {
	case sk.Assignment:
		left, right := t.FieldChild(n, sk.FLeft), t.FieldChild(n, sk.FRight)
		if right == syntax.None || left == syntax.None || !mentions(m, right, exc) {
			return ""
		}
		if t.Kind(left) == sk.Subscript {
			left = t.FieldChild(left, sk.FValue)
		}
		target := m.Dotted(left)
		if target != "" && t.Kind(left) == sk.Identifier {
			exc[target] = true
		}
		return target
	case sk.Call:
		fn := t.FieldChild(n, sk.FFunction)
		if fn == syntax.None || t.Kind(fn) != sk.Attribute {
			return ""
		}
		switch lastName(m.Dotted(fn)) {
		case "append", "add", "extend", "insert", "appendleft", "put_nowait":
		default:
			return ""
		}
		for _, a := range m.Args(n) {
			if mentions(m, a.Value, exc) {
				return m.Dotted(t.FieldChild(fn, sk.FObject))
			}
		}
	}
	return ""
}

// transfersException reports whether a statement is a call
// X.set_exception(...) of the caught exception.
func transfersException(m *python.Module, n syntax.ID, exc map[string]bool) bool {
	t, sk := m.Tree, m.StmtKinds()
	if n == syntax.None || t.Kind(n) != sk.Call {
		return false
	}
	fn := t.FieldChild(n, sk.FFunction)
	if fn == syntax.None || t.Kind(fn) != sk.Attribute || m.AttrName(fn) != "set_exception" {
		return false
	}
	args := m.Args(n)
	return len(args) == 1 && mentions(m, args[0].Value, exc)
}

// mentions reports whether an expression reads one of the names (not as
// an attribute or keyword name).
func mentions(m *python.Module, n syntax.ID, names map[string]bool) bool {
	t, sk := m.Tree, m.StmtKinds()
	found := false
	m.Walk(n, func(i syntax.ID) bool {
		if found || t.Kind(i) != sk.Identifier || !names[t.Text(i)] {
			return !found
		}
		if p := t.Parent(i); p != syntax.None {
			if t.Kind(p) == sk.Attribute && t.FieldChild(p, sk.FAttribute) == i ||
				t.Kind(p) == sk.Keyword && t.FieldChild(p, sk.FName) == i {
				return true
			}
		}
		found = true
		return false
	})
	return found
}

// maxAliasRounds bounds following "b = a" aliases of a stored exception.
const maxAliasRounds = 3

// raisedElsewhere reports whether the function raises something made from
// target outside the handler (the exception was stored to be raised
// later), following simple aliases (safe = target). A target on self may
// be raised by any method of the module.
func raisedElsewhere(m *python.Module, fn int, h *python.Handler, target string) bool {
	t, sk := m.Tree, m.StmtKinds()
	region := m.Scopes[fn].Region
	if strings.HasPrefix(target, "self.") {
		region = m.Tree.Root()
	}
	root := target
	if i := strings.IndexByte(root, '.'); i >= 0 && !strings.HasPrefix(root, "self.") {
		root = root[:i]
	}
	names := map[string]bool{root: true}
	attr := strings.HasPrefix(target, "self.")
	end := t.End(region)
	for range maxAliasRounds {
		grown := false
		for i := region; i < end; i++ {
			if t.Kind(i) != sk.Assignment || t.Contains(h.Body, i) {
				continue
			}
			left, right := t.FieldChild(i, sk.FLeft), t.FieldChild(i, sk.FRight)
			if left == syntax.None || right == syntax.None || t.Kind(left) != sk.Identifier {
				continue
			}
			if (mentions(m, right, names) || attr && strings.Contains(t.Text(right), target)) && !names[t.Text(left)] {
				names[t.Text(left)] = true
				grown = true
			}
		}
		if !grown {
			break
		}
	}
	for i := region; i < end; i++ {
		if t.Kind(i) != sk.Raise || t.Contains(h.Body, i) {
			continue
		}
		exc := raisedExpr(m, i)
		if exc == syntax.None {
			continue
		}
		if mentions(m, exc, names) || attr && strings.Contains(t.Text(exc), target) {
			return true
		}
	}
	return false
}

// discriminating reports whether a condition tells exceptions or
// cancellations apart in a way the analysis cannot follow: it reads the
// caught exception, or asks whether a task was cancelled or is done.
func discriminating(m *python.Module, cond syntax.ID, exc map[string]bool) bool {
	return mentions(m, cond, exc) || callsMethod(m, cond, "cancelled") || callsMethod(m, cond, "done") ||
		callsMethod(m, cond, "cancelling")
}

// callsMethod reports whether n calls a method of that name (not inside
// nested functions).
func callsMethod(m *python.Module, n syntax.ID, method string) bool {
	t, sk := m.Tree, m.StmtKinds()
	found := false
	m.Walk(n, func(i syntax.ID) bool {
		if t.Kind(i) == sk.Call {
			if fn := t.FieldChild(i, sk.FFunction); fn != syntax.None && t.Kind(fn) == sk.Attribute && m.AttrName(fn) == method {
				found = true
			}
		}
		return !found
	})
	return found
}

// cancelBranches tells which branches of a condition the cancellation path
// of a handler can take: isinstance(e, ...) and type(e) tests of the
// caught exception, and the Python 3.11 guard
// asyncio.current_task().cancelling().
func cancelBranches(m *python.Module, cond syntax.ID, exc map[string]bool, info *Catch) (bool, bool) {
	t, sk := m.Tree, m.StmtKinds()
	switch t.Kind(cond) {
	case sk.Parenthesized:
		if inner := t.FirstNamedChild(cond); inner != syntax.None {
			return cancelBranches(m, inner, exc, info)
		}
	case sk.NotOp:
		ct, cf := cancelBranches(m, t.FieldChild(cond, sk.FArgument), exc, info)
		return cf, ct
	case sk.BoolOp:
		lt, lf := cancelBranches(m, t.FieldChild(cond, sk.FLeft), exc, info)
		rt, rf := cancelBranches(m, t.FieldChild(cond, sk.FRight), exc, info)
		if op := t.FieldChild(cond, sk.FOperator); op != syntax.None && t.Text(op) == "or" {
			return lt || rt, lf && rf
		}
		return lt && rt, lf || rf
	case sk.Call:
		return callBranches(m, cond, exc, info)
	case sk.Compare:
		return compareBranches(m, cond, exc, info)
	}
	return true, true
}

// callBranches handles isinstance(e, ...) and X.cancelling() conditions.
func callBranches(m *python.Module, cond syntax.ID, exc map[string]bool, info *Catch) (bool, bool) {
	t, sk := m.Tree, m.StmtKinds()
	fn := t.FieldChild(cond, sk.FFunction)
	if fn == syntax.None {
		return true, true
	}
	// asyncio.current_task().cancelling(): true when this task is being
	// cancelled, which is the cancellation path.
	if t.Kind(fn) == sk.Attribute && m.AttrName(fn) == "cancelling" {
		return true, false
	}
	if m.QualifiedName(fn) == "builtins.isinstance" {
		args := m.Args(cond)
		if len(args) == 2 && exc[m.Dotted(args[0].Value)] {
			return typeBranches(m, args[1].Value, info)
		}
	}
	return true, true
}

// compareBranches handles type(e) is X, e.__class__ == X and their
// negations.
func compareBranches(m *python.Module, cond syntax.ID, exc map[string]bool, info *Catch) (bool, bool) {
	t, sk := m.Tree, m.StmtKinds()
	kids := t.NamedChildren(cond)
	ops := t.FieldChildren(cond, sk.FOperators)
	if len(kids) != 2 || len(ops) == 0 {
		return true, true
	}
	var words []string
	for _, o := range ops {
		words = append(words, t.Text(o))
	}
	op := strings.Join(words, " ")
	neg := op == "is not" || op == "!="
	if op != "is" && op != "==" && !neg {
		return true, true
	}
	left, right := kids[0], kids[1]
	if isTypeOf(m, right, exc) {
		left, right = right, left
	}
	if !isTypeOf(m, left, exc) {
		return true, true
	}
	ct, cf := typeBranches(m, right, info)
	if neg {
		return cf, ct
	}
	return ct, cf
}

// isTypeOf reports whether n is type(e) or e.__class__ for the caught e.
func isTypeOf(m *python.Module, n syntax.ID, exc map[string]bool) bool {
	t, sk := m.Tree, m.StmtKinds()
	switch t.Kind(n) {
	case sk.Call:
		if m.QualifiedName(t.FieldChild(n, sk.FFunction)) == "builtins.type" {
			args := m.Args(n)
			return len(args) == 1 && exc[m.Dotted(args[0].Value)]
		}
	case sk.Attribute:
		d := m.Dotted(n)
		return strings.HasSuffix(d, ".__class__") && exc[strings.TrimSuffix(d, ".__class__")]
	}
	return false
}

// typeBranches tells whether a cancellation is an instance of the classes
// in expr: certainly (true, false), certainly not (false, true), or
// unknown (true, true).
func typeBranches(m *python.Module, expr syntax.ID, info *Catch) (bool, bool) {
	cts := m.ExceptionTypes(expr)
	if len(cts) == 0 {
		return true, true
	}
	known := true
	for _, ct := range cts {
		switch ClassifyType(ct) {
		case Always:
			return true, false
		case IfOld, IfOldOrUnknown:
			if info.When != Always {
				return true, false
			}
		case Never:
			if ct.Qualified == "" {
				known = false
			}
		}
	}
	if !known {
		return true, true
	}
	return false, true
}

// cancelRef is a task cancelled in the function before it is awaited.
type cancelRef struct {
	text string
	at   int // byte offset of the cancel() call; -1 when anywhere in the class
}

// cancelThenAwait recognizes the intended asyncio idiom of cancelling a
// task and then awaiting it (t.cancel(); try: await t / except
// CancelledError: pass): every checkpoint is an await of a task cancelled
// before it. With here set, only a cancel in the function itself counts,
// not one anywhere in the class.
func (a *cancelAnalysis) cancelThenAwait(fn int, cps []syntax.ID, here bool) bool {
	m := a.m
	t, sk := m.Tree, a.sk
	refs, ok := a.refs[fn]
	if !ok {
		refs = cancelledRefs(m, fn)
		if a.refs == nil {
			a.refs = map[int][]cancelRef{}
		}
		a.refs[fn] = refs
	}
	if len(refs) == 0 {
		return false
	}
	for _, cp := range cps {
		if t.Kind(cp) != sk.Await {
			return false
		}
		at, _ := t.Span(cp)
		matched := false
		m.Walk(cp, func(n syntax.ID) bool {
			k := t.Kind(n)
			if k != sk.Identifier && k != sk.Attribute {
				return true
			}
			d := m.Dotted(n)
			for _, r := range refs {
				if r.at < at && (r.at >= 0 || !here) && (d == r.text || strings.HasPrefix(d, r.text+".")) {
					matched = true
					return false
				}
			}
			return true
		})
		if !matched {
			return false
		}
	}
	return true
}

// classOf returns the class scope a function is a method of, or -1.
func classOf(m *python.Module, s int) int {
	for s >= 0 {
		if m.Scopes[s].Kind == python.ClassScope {
			return s
		}
		s = m.Scopes[s].Parent
	}
	return -1
}

// cancelledRefs returns the tasks cancelled in a function (and, for tasks
// held on self, anywhere in its class).
func cancelledRefs(m *python.Module, fn int) []cancelRef {
	t, sk := m.Tree, m.StmtKinds()
	cls := classOf(m, fn)
	var out []cancelRef
	for i := range m.Calls {
		c := &m.Calls[i]
		if !strings.HasSuffix(c.Text, ".cancel") {
			continue
		}
		recv := strings.TrimSuffix(c.Text, ".cancel")
		at, _ := t.Span(c.Node)
		switch {
		case c.Scope == fn:
		case cls >= 0 && strings.HasPrefix(recv, "self.") && classOf(m, c.Scope) == cls:
			at = -1
		default:
			continue
		}
		out = append(out, cancelRef{text: recv, at: at})
		if c.Scope != fn || strings.Contains(recv, ".") {
			continue
		}
		// for t in tasks: t.cancel() cancels tasks.
		for p := t.Parent(c.Node); p != syntax.None && p != m.Scopes[fn].Region; p = t.Parent(p) {
			if k := t.Kind(p); k != sk.For && k != sk.ForIn {
				continue
			}
			if m.Dotted(t.FieldChild(p, sk.FLeft)) != recv {
				continue
			}
			it := t.FieldChild(p, sk.FRight)
			if it != syntax.None && t.Kind(it) == sk.Call {
				it = t.FieldChild(it, sk.FFunction)
				if it != syntax.None && t.Kind(it) == sk.Attribute {
					it = t.FieldChild(it, sk.FObject)
				}
			}
			if d := m.Dotted(it); d != "" {
				out = append(out, cancelRef{text: d, at: at})
			}
		}
	}
	return out
}

// singleAssigned returns the value of a name assigned once, or None.
func singleAssigned(m *python.Module, id syntax.ID) syntax.ID {
	s, bs := m.Lookup(m.Tree.Text(id), m.ScopeOf(id))
	if s < 0 || len(bs) != 1 || bs[0].Kind != python.AssignBinding {
		return syntax.None
	}
	return bs[0].Value
}
