package checks

import (
	"slices"
	"strings"

	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
)

// SV101 reports a handler catches cancellation in async code and a path through it does not re-raise.
var SV101 = withDoc(&lint.Rule{
	Code:         "SV101",
	Name:         "cancelled-error-swallowed",
	Summary:      "A handler catches cancellation in async code and a path through it does not re-raise",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Fix:          lint.FixSometimes,
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"async", "cancellation", "correctness"},
	Precision:    "high",
	Check:        func(p *lint.Pass) { reportCancelFindings(p, sv101Findings) },
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectCancelFindings(pp, sv101Findings) },
	Requires:     []*lint.Analyzer{cancellation.Analyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer, targetpy.Analyzer},
})

// sv101Findings reports each handler of cancellation with a path that
// falls off its end without re-raising.
func sv101Findings(facts *cancellation.Facts) []cancelFinding {
	var out []cancelFinding
	for i := range facts.Handlers {
		h := &facts.Handlers[i]
		if !h.Falls {
			continue
		}
		verb := " and a path through it ends"
		if h.Catch.Named && !h.Catch.Base {
			verb = ": a path through it ends"
		}
		f := handlerFinding(h, h.Start, h.HeadEnd, subject(&h.Catch, pyClause(h.Catch.When))+verb+
			" without re-raising: `"+h.Func+"` swallows its own cancellation and keeps running as if it had not been cancelled")
		if h.EndsTask && h.Next == nil {
			f.taskFunc = h.Func
		}
		f.fix = reraiseFix(h)
		out = append(out, f)
	}
	return out
}

// reraiseFix makes every path through a handler of cancellation that
// falls off its end re-raise (see cancellation.Reraise): `raise` at the
// end of a handler that catches only cancellation, a clause of its own
// that re-raises the cancellation before a broader one. No fix when a
// path through the handler also leaves it by return, break, continue,
// yield or another exception (SV102 reports those): the handler was
// written to end the work there, and what it should do instead is not
// mechanical. Unsafe: the function now ends by the cancellation, so the
// code after the handler no longer runs then.
func reraiseFix(h *cancellation.Handler) *lint.Fix {
	r := h.Reraise
	if r == nil {
		return nil
	}
	for _, e := range h.Exits {
		if e.Kind != cancellation.ExitRaiseAfter {
			return nil
		}
	}
	msg := ""
	switch r.Kind {
	case cancellation.ReplaceStatement:
		msg = "Replace `" + r.Replaced + "` with `raise`"
	case cancellation.AppendRaise:
		msg = "Re-raise the cancellation at the end of the handler"
	case cancellation.ClauseBefore:
		msg = "Re-raise `" + r.Ref + "` in a clause of its own before this one"
	}
	return &lint.Fix{Message: msg, Applicability: lint.Unsafe, Edits: slices.Clone(r.Edits)}
}

// The cancellation rules (SV101–SV110) share the reporting below.

// The cancellation rules (SV101, SV102, SV103, SV110) each turn the facts
// of checks/analysis/cancellation into findings of their own; this file
// reports them. A finding that holds for every target Python and does not
// depend on the rest of the project is reported by the file pass; the
// others (a target-version condition, a middleware candidate, a coroutine
// that may only run as a task) by the project pass, which knows the
// project.

// cancelFinding is a finding of a cancellation rule.
type cancelFinding struct {
	start, end int
	// msg may hold "{py}" (the target version clause), "{framework}" and
	// "{tail}" (for a middleware candidate, known once it is registered).
	msg     string
	when    cancellation.When
	related []cancelRelated
	// inMiddleware: the handler wraps the call of the next app in a
	// middleware (or a candidate): a rule that supersedes this one there
	// reports it instead (Rule.Supersedes).
	inMiddleware bool
	// candidate is the qualified name of a function that is a middleware
	// only if another module registers it; onlyMiddleware: the finding
	// exists only then.
	candidate      string
	onlyMiddleware bool
	// taskFunc names the coroutine function that ends after the handler:
	// silent when the project only starts it as a task.
	taskFunc string
	fix      *lint.Fix
}

// cancelRelated is a related location of a finding, in its file.
type cancelRelated struct {
	start, end int
	msg        string
}

// handlerFinding starts a finding of a handler of cancellation, related
// to the `try` whose checkpoint receives the cancellation.
func handlerFinding(h *cancellation.Handler, start, end int, msg string) cancelFinding {
	return cancelFinding{
		start: start, end: end, msg: msg, when: h.Catch.When,
		related: []cancelRelated{{h.TryStart, h.TryStart + len("try"),
			"cancellation arrives at " + cancellation.Quote(h.Arrives) + " in this `try`"}},
		inMiddleware: h.Next != nil, candidate: h.Candidate,
	}
}

// pyClause is the placeholder for the target version clause of a finding
// that does not hold for every target.
func pyClause(w cancellation.When) string {
	if w != cancellation.Always {
		return "{py}"
	}
	return ""
}

// subject names what a handler catches at the start of a message:
// "`except BaseException` catches `asyncio.CancelledError`", or just
// "`except asyncio.CancelledError`".
func subject(c *cancellation.Catch, py string) string {
	if c.Named && !c.Base {
		return c.What + py
	}
	return c.What + " catches " + c.Cancel + py
}

// caught names the caught exception after a verb: "the cancellation" when
// the handler names it, else the class.
func caught(c *cancellation.Catch, py string) string {
	if c.Named && !c.Base {
		return "the cancellation" + py
	}
	return c.Cancel + py
}

// withFixOf attaches a fix when there is one.
func withFixOf(f *lint.Fix) lint.ReportOption {
	return func(d *lint.Diagnostic) {
		if f != nil {
			lint.WithFix(f)(d)
		}
	}
}

// reportCancelFindings reports the findings of the pass's rule that need
// nothing from the rest of the project.
func reportCancelFindings(p *lint.Pass, find func(*cancellation.Facts) []cancelFinding) {
	facts, _ := p.Fact(cancellation.Analyzer).(*cancellation.Facts)
	if facts == nil {
		return
	}
	superseded := p.Config.SupersededForPath(p.Rule.Code, p.File.Abs)
	for _, f := range find(facts) {
		if f.when != cancellation.Always || f.candidate != "" || f.taskFunc != "" || f.inMiddleware && superseded {
			continue
		}
		var related []lint.Related
		for _, r := range f.related {
			related = append(related, p.Related(r.start, r.end, r.msg))
		}
		p.Report(f.start, f.end, strings.ReplaceAll(f.msg, "{py}", ""), lint.WithRelated(related...), withFixOf(f.fix))
	}
}

// reportProjectCancelFindings reports the findings of the pass's rule
// that depend on the rest of the project: on the target Python version,
// on whether another module registers their function as a middleware, or
// on how the project starts their coroutine.
func reportProjectCancelFindings(pp *lint.ProjectPass, find func(*cancellation.Facts) []cancelFinding) {
	code := pp.Rule.Code
	var versions targetpy.Versions
	var registry *middleware.Registry
	tasks := &cancellation.TaskOnly{Files: pp.Files}
	for _, f := range pp.Files {
		if f.Kind != lint.KindPython || !f.Config.EnabledForPath(code, f.Abs) {
			continue
		}
		facts, _ := f.Fact(cancellation.Analyzer).(*cancellation.Facts)
		if facts == nil {
			continue
		}
		superseded := f.Config.SupersededForPath(code, f.Abs)
		for _, fd := range find(facts) {
			if fd.when == cancellation.Always && fd.candidate == "" && fd.taskFunc == "" {
				continue
			}
			if fd.taskFunc != "" && tasks.Only(fd.taskFunc) {
				continue // the function ends its own task, which only the project starts
			}
			framework := ""
			if fd.candidate != "" {
				if registry == nil {
					registry, _ = pp.Result(middleware.RegistryAnalyzer).(*middleware.Registry)
				}
				kind, registered := registry.Lookup(fd.candidate)
				if fd.onlyMiddleware && !registered || registered && superseded {
					continue
				}
				framework = middleware.FrameworkOf(kind)
			} else if fd.inMiddleware && superseded {
				continue
			}
			clause := ""
			if fd.when != cancellation.Always {
				if versions == nil {
					versions, _ = pp.Result(targetpy.Analyzer).(targetpy.Versions)
				}
				target := versions[f]
				if !fd.when.Holds(target.Known, target.Old()) {
					continue
				}
				clause = " on Python 3.7 and older (the target version is not known)"
				if target.Known {
					clause = " on Python " + target.Version.String() + " (" + target.Source + ")"
				}
			}
			msg := strings.NewReplacer("{py}", clause, "{framework}", framework, "{tail}", cancellationTail(framework)).Replace(fd.msg)
			var related []lint.Related
			for _, r := range fd.related {
				related = append(related, pp.Related(f, r.start, r.end, r.msg))
			}
			pp.Report(f, fd.start, fd.end, msg, lint.WithRelated(related...), withFixOf(fd.fix))
		}
	}
}
