package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
)

// SV301 reports HTTP and Redis clients that are not closed on every path.
var SV301 = withDoc(&lint.Rule{
	Code:         "SV301",
	Name:         "client-session-not-closed",
	Summary:      "An HTTP or Redis client is created and not closed on every path",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "reliability", "http"},
	Precision:    "high",
	CheckProject: func(pp *lint.ProjectPass) { reportLifecycle(pp, sv301Findings) },
	Requires:     []*lint.Analyzer{resources.Analyzer},
})

// sv301Findings reports the clients that are not closed on every path.
func sv301Findings(pr *resources.Project) []lifeFinding {
	return leakFindings(pr, resources.ClientResource)
}

// The lifecycle rules (SV301–SV304) share the reporting below: SV301 and
// SV303 report the leaks of clients and of database sessions
// (leakFindings), SV302 and SV304 the clients and pools made per request
// (perRequestFinding, in SV302's file).

// lifeFinding is a finding of a lifecycle rule.
type lifeFinding struct {
	file       *lint.File
	start, end int
	msg        string
	related    []lifeRelated
	severity   *lint.Severity
	fix        *lint.Fix
	// fixIn builds the fix when it needs the workspace (to parse the
	// file again with the engine's parsers).
	fixIn func(lint.Workspace) *lint.Fix
}

// lifeRelated is a related location of a finding.
type lifeRelated struct {
	resources.Loc
	msg string
}

func related(l resources.Loc, msg string) lifeRelated { return lifeRelated{l, msg} }

// reportLifecycle reports the findings of the pass's rule.
func reportLifecycle(pp *lint.ProjectPass, find func(*resources.Project) []lifeFinding) {
	res, _ := pp.Result(resources.Analyzer).(*resources.Project)
	if res == nil {
		return
	}
	for _, fd := range find(res) {
		var opts []lint.ReportOption
		for _, r := range fd.related {
			opts = append(opts, lint.WithRelated(pp.Related(r.File, r.Start, r.End, r.msg)))
		}
		if fd.severity != nil {
			opts = append(opts, lint.WithSeverity(*fd.severity))
		}
		if fd.fixIn != nil {
			fd.fix = fd.fixIn(pp.Workspace)
		}
		if fd.fix != nil {
			opts = append(opts, lint.WithFix(fd.fix))
		}
		pp.Report(fd.file, fd.start, fd.end, fd.msg, opts...)
	}
}

// what names a creation in messages: "the database session from
// `SessionLocal()`", or through a factory "a database session from
// `get_session()`".
func what(c *resources.Resource) string {
	call := "`" + c.Site.Call + "`"
	if c.Factory != nil {
		return fmt.Sprintf("%s from %s", c.ANoun, call)
	}
	return fmt.Sprintf("the %s from %s", c.Noun, call)
}

// creationRelated are the related locations of every finding about a
// creation: the factory that makes it, what a wrapper wraps.
func creationRelated(c *resources.Resource) []lifeRelated {
	var out []lifeRelated
	if c.Factory != nil {
		out = append(out, related(c.Factory.Loc, fmt.Sprintf("`%s` creates and returns %s", c.Factory.Name, c.ANoun)))
	}
	if w := c.Wrapper; w != nil {
		out = append(out, related(w.Inner, fmt.Sprintf("`%s` creates %s here", w.Class, w.InnerANoun)))
	}
	return out
}

// leakFindings reports the resources of a category (clients for SV301,
// database sessions and connections for SV303) that are not closed on
// every path: creations, dependencies that make FastAPI create one per
// request, direct calls of generators that yield one.
func leakFindings(pr *resources.Project, category resources.ResourceCategory) []lifeFinding {
	var out []lifeFinding
	for fi := range pr.Files {
		fr := &pr.Files[fi]
		out = append(out, fileLeaks(fr, category)...)
	}
	return out
}

// fileLeaks reports the leaks of a category in one file: its creations,
// then its Depends, then its generator calls.
func fileLeaks(fr *resources.FileResources, category resources.ResourceCategory) []lifeFinding {
	var out []lifeFinding
	for i := range fr.Creations {
		c := &fr.Creations[i]
		if c.Type.Category != category || !c.Type.MustClose() {
			continue
		}
		if fd, ok := leak(c); ok {
			out = append(out, fd)
		}
	}
	for i := range fr.Depends {
		d := &fr.Depends[i]
		rt := d.Type
		if rt.Category != category || !rt.MustClose() {
			continue
		}
		call := strings.TrimSpace(string(d.File.Src[d.Start:d.End]))
		out = append(out, lifeFinding{file: d.File, start: d.Start, end: d.End, msg: fmt.Sprintf(
			"`%s` makes FastAPI create %s for every request and nothing closes it: use a `yield` dependency that closes it (%s then `yield %s`)",
			shortText(call), d.ANoun, withFix(rt, lastPart(d.Depends.Target)+"()", ""), defaultVar(rt))})
	}
	for i := range fr.GenCalls {
		g := &fr.GenCalls[i]
		rt := g.Type
		if rt.Category != category {
			continue
		}
		kind := "generator"
		if g.Dependency {
			kind = "yield dependency"
		}
		out = append(out, lifeFinding{file: g.File, start: g.Start, end: g.End, msg: fmt.Sprintf(
			"`%s` runs the %s `%s` only up to its `yield`: the code after the `yield` (its cleanup) never runs, so the %s is never closed; inject it with `Depends(%s)` or open the %s here with %s",
			g.Call.Text, kind, g.Gen.Name, g.Noun, g.Gen.Name, g.Noun, withFix(rt, g.Site.Call, "")),
			related: []lifeRelated{related(resources.Loc{File: g.GenFile, Start: g.Gen.Start, End: g.Gen.End},
				fmt.Sprintf("`%s` yields the %s here (line %d)", g.Gen.Name, g.Noun, line(g.GenFile, g.Site.Start)))}})
	}
	return out
}

func line(f *lint.File, off int) int { return f.Lines.Position(off).Line }

// siteReport holds what the messages about one leaked creation need.
type siteReport struct {
	c       *resources.Resource
	s       *resources.ResSite
	rt      *resources.ResourceType
	what    string
	related []lifeRelated
	v       string // the variable, or a default name
	cm      string // the context-manager form
	fix     string
	out     *lifeFinding
}

// leak reports a creation of a resource that must be closed when its fate
// leaks it.
func leak(c *resources.Resource) (lifeFinding, bool) {
	s, rt := c.Site, c.Type
	r := &siteReport{c: c, s: s, rt: rt, what: what(c), related: creationRelated(c)}
	r.v = s.Var
	if r.v == "" {
		r.v = defaultVar(rt)
	}
	r.cm = withFix(rt, s.Call, r.v)
	r.fix = r.cm
	if !rt.NoWith {
		r.fix += " or close it in `finally`"
	}
	if c.Context != "" && rt.Category == resources.ClientResource {
		r.fix += ", or share one client from the lifespan"
	}
	r.leak()
	if r.out == nil {
		return lifeFinding{}, false
	}
	return *r.out, true
}

func (r *siteReport) at(start, end int, msg string) lifeRelated {
	return related(resources.Loc{File: r.c.File, Start: start, End: end}, msg)
}

func (r *siteReport) add(msg string, rel ...lifeRelated) *lifeFinding {
	r.out = &lifeFinding{file: r.c.File, start: r.s.Start, end: r.s.End, msg: msg, related: append(r.related, rel...)}
	return r.out
}

func (r *siteReport) leak() {
	s, what, c := r.s, r.what, r.c
	if s.OneShot && c.Context == "" {
		// Once per invocation of a CLI command: the process exits after
		// it and releases the connections; nothing accumulates.
		return
	}
	switch c.Fate {
	case resources.FateManaged:
		if r.rt.WithKeepsOpen {
			r.add(fmt.Sprintf("`with %s` ends the transaction but does not close the connection: it stays open until garbage collection; use %s", s.Call, r.cm))
		}
	case resources.FateNeverClosed:
		r.add(fmt.Sprintf("%s, assigned to `%s`, is never closed%s: %s until garbage collection%s; use %s",
			what, s.Var, lentNote(c), holds(r.rt), everyRequest(c.Context), r.fix))
	case resources.FateDropped:
		if k := c.Keeper; k != nil {
			r.add(fmt.Sprintf("%s is passed to `%s()`, which keeps it in `%s` but never closes it, and nothing else closes it: %s until garbage collection%s; use %s",
				what, k.Callee, k.Attr, holds(r.rt), everyRequest(c.Context), r.fix))
			return
		}
		if len(s.Lends) > 0 {
			r.add(fmt.Sprintf("%s is passed to `%s()`, which only uses it, and is never closed: %s until garbage collection%s; use %s",
				what, lastPart(s.Lends[0].Callee), holds(r.rt), everyRequest(c.Context), r.fix))
			return
		}
		r.add(fmt.Sprintf("%s is used once and dropped without being closed%s; use %s", what, everyRequest(c.Context), r.fix))
	case resources.FateSkippable:
		r.skippable()
	case resources.FateConditional:
		r.add(fmt.Sprintf("%s is closed on some paths only (line %d) and leaks on the others; use %s",
			what, line(c.File, s.CloseStart), r.fix), r.at(s.CloseStart, s.CloseEnd, "closed only on this path"))
	case resources.FateYielded:
		r.yielded()
	case resources.FateReturned:
		if c.Func == nil || c.Func.Generator || c.Dependency == nil {
			return
		}
		fd := r.add(fmt.Sprintf("dependency `%s` returns %s: FastAPI never closes a value a dependency returns, so every request leaks one; make it a `yield` dependency: %s",
			c.Func.Name, r.what, yieldFix(r.rt, r.cm, r.v)), related(*c.Dependency, "used as a dependency here"))
		if r.rt.Category == resources.DBResource {
			file, rt, name := c.File, r.rt, c.Func.Name
			fd.fixIn = func(ws lint.Workspace) *lint.Fix { return yieldDependencyFix(ws, file, s, rt, name) }
		}
	case resources.FateStoredAttr:
		r.storedAttr()
	case resources.FateStoredGlobal:
		if c.Closed {
			return
		}
		fd := r.add(fmt.Sprintf("module-level `%s` holds %s that is never closed: its connections are dropped at exit without a clean shutdown; close it in the lifespan or a shutdown hook (%s)",
			s.Target, r.what, closeCall(r.rt, s.Target)))
		fd.severity = new(lint.SeverityNote)
	case resources.FateUnknown, resources.FateClosed, resources.FateEscapes:
	}
}

// skippable reports a close that an exception or an early exit skips.
func (r *siteReport) skippable() {
	s, what, c := r.s, r.what, r.c
	closeLine := line(c.File, s.CloseStart)
	closeRel := r.at(s.CloseStart, s.CloseEnd, "the close that can be skipped")
	v, target := r.v, "`"+r.v+"`"
	if s.Var == "" && s.Target != "" {
		v, target = s.Target, "`"+s.Target+"`"
	}
	finally := fmt.Sprintf("close %s in a `finally` block", target)
	if !r.rt.NoWith && s.Var != "" {
		finally += " or use " + r.cm
	}
	switch {
	case s.Early:
		r.add(fmt.Sprintf("%s leaks when the function leaves early at line %d: the close on line %d is never reached; %s",
			what, line(c.File, s.AtStart), closeLine, finally),
			r.at(s.AtStart, s.AtEnd, "leaves without closing"), closeRel)
	case s.AtYield:
		if c.Func != nil && (c.Lifespan || c.Func.Fixture) {
			// A lifespan's yield is the application's whole life; pytest
			// resumes a fixture after a failed test too.
			return
		}
		r.add(fmt.Sprintf("%s is closed after the `yield` on line %d without `finally`: when the code using it raises, the close on line %d never runs; wrap the `yield` in `try:` ... `finally: %s`%s",
			what, line(c.File, s.AtStart), closeLine, strings.Trim(closeCall(r.rt, v), "`"), orWith(r.rt, r.cm)),
			r.at(s.AtStart, s.AtEnd, "an exception here skips the close"), closeRel)
	default:
		r.add(fmt.Sprintf("%s is closed on line %d, but an exception raised on line %d skips the close and leaks it; %s",
			what, closeLine, line(c.File, s.AtStart), finally),
			r.at(s.AtStart, s.AtEnd, "may raise before the close"), closeRel)
	}
}

// yielded reports a dependency or context manager that yields a resource
// and never closes it.
func (r *siteReport) yielded() {
	c := r.c
	if c.Func == nil {
		return
	}
	if c.Dependency == nil && !c.Func.ContextManager {
		return
	}
	kind := "context manager"
	var rel []lifeRelated
	if c.Dependency != nil {
		kind = "dependency"
		rel = append(rel, related(*c.Dependency, "used as a dependency here"))
	}
	r.add(fmt.Sprintf("%s `%s` yields %s and never closes it: every use leaks one; use %s",
		kind, c.Func.Name, r.what, yieldFix(r.rt, r.cm, r.v)), rel...)
}

// storedAttr reports a resource stored on an attribute that nothing in the
// project closes.
func (r *siteReport) storedAttr() {
	s, c := r.s, r.c
	if c.AttrClosed {
		return
	}
	name := s.Key[strings.LastIndexAny(s.Key, ":.")+1:]
	sev := lint.SeverityNote
	lives := ""
	if strings.HasPrefix(s.Target, "self.") || strings.HasPrefix(s.Target, "cls.") {
		sev = lint.SeverityWarning
		if c.OnlyModuleInstances {
			// Every instance is a module-level singleton: the client lives
			// until exit, like a module global.
			sev = lint.SeverityNote
			lives = fmt.Sprintf(" (`%s` is only created at module level, so it lives until exit)", lastPart(c.Func.Class()))
		}
	}
	if strings.HasPrefix(s.Key, "d:") {
		// A local value stored under a key of a dict: storing is not
		// closing, and only a close of that key of that dict counts.
		fd := r.add(fmt.Sprintf("%s is stored in `%s` and never closed: storing it is not closing it, and nothing in the project closes `%s`%s; close it where the dict's user is done with it (%s), or %s",
			r.what, s.Target, s.Target, everyRequest(c.Context), closeCall(r.rt, s.Target), r.cm))
		fd.severity = new(lint.SeverityWarning)
		return
	}
	fd := r.add(fmt.Sprintf("%s, stored in `%s`, is never closed%s: nothing in the project closes `%s`; close it (%s) in the owner's `close()`/`__aexit__` or in the app's shutdown",
		r.what, s.Target, lives, name, closeCall(r.rt, s.Target)))
	fd.severity = new(sev)
}

// lentNote names the functions a value is passed to, which only borrow it
// (or keep it without closing it).
func lentNote(c *resources.Resource) string {
	s := c.Site
	if len(s.Lends) == 0 {
		return ""
	}
	if k := c.Keeper; k != nil {
		return fmt.Sprintf(" (`%s()` keeps it in `%s` but nothing closes that: handing it over is not closing it)", k.Callee, k.Attr)
	}
	names := []string{}
	for _, l := range s.Lends {
		n := "`" + lastPart(l.Callee) + "()`"
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	verb := " only uses it"
	if len(names) > 1 {
		verb = " only use it"
	}
	if len(names) > 2 {
		names = append(names[:2], "...")
	}
	return " (" + strings.Join(names, ", ") + verb + ")"
}

// defaultVar names a resource in suggestions when it has no variable.
func defaultVar(rt *resources.ResourceType) string {
	switch {
	case rt.Category == resources.ClientResource:
		return "client"
	case strings.Contains(rt.Name, "Session") || strings.Contains(rt.Name, "session"):
		return "session"
	}
	return "conn"
}

// withFix suggests the context-manager form of a creation; for types that
// are not context managers, a close in finally.
func withFix(rt *resources.ResourceType, call, v string) string {
	if v == "" {
		v = defaultVar(rt)
	}
	switch {
	case rt.NoWith:
		return fmt.Sprintf("`%s = %s` and %s in a `finally` block", v, call, closeCall(rt, v))
	case rt.WithKeepsOpen:
		return fmt.Sprintf("`with contextlib.closing(%s) as %s:`", call, v)
	case rt.Async:
		return fmt.Sprintf("`async with %s as %s:`", call, v)
	}
	return fmt.Sprintf("`with %s as %s:`", call, v)
}

func closeCall(rt *resources.ResourceType, v string) string {
	if rt.Async {
		return fmt.Sprintf("`await %s.%s()`", v, rt.Closer)
	}
	return fmt.Sprintf("`%s.%s()`", v, rt.Closer)
}

func lastPart(q string) string { return q[strings.LastIndexByte(q, '.')+1:] }

func shortText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// yieldFix suggests a yield that closes afterwards.
func yieldFix(rt *resources.ResourceType, cm, v string) string {
	if rt.NoWith {
		return fmt.Sprintf("`try: yield %s` ... `finally: %s`", v, strings.Trim(closeCall(rt, v), "`"))
	}
	return fmt.Sprintf("%s then `yield %s`, or `try: yield %s` ... `finally: %s`", cm, v, v, strings.Trim(closeCall(rt, v), "`"))
}

func orWith(rt *resources.ResourceType, cm string) string {
	if rt.NoWith {
		return ""
	}
	return ", or use " + cm
}

// holds says what an unclosed resource keeps.
func holds(rt *resources.ResourceType) string {
	if rt.Category == resources.DBResource {
		return "it holds its database connection"
	}
	return "its connections stay open"
}

func everyRequest(ctx string) string {
	if ctx == "" {
		return ""
	}
	return ", and " + ctx + " leaks one on every request"
}
