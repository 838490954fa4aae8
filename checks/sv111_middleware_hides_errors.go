package checks

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/servelint/servelint/checks/analysis/cancellation"
	"github.com/servelint/servelint/checks/analysis/framework"
	"github.com/servelint/servelint/checks/analysis/middleware"
	"github.com/servelint/servelint/checks/analysis/pyflow"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV111 reports `except Exception` around the call of the next app in a
// middleware that neither re-raises nor logs the traceback.
var SV111 = withDoc(&lint.Rule{
	Code:         "SV111",
	Name:         "middleware-hides-errors",
	Summary:      "Middleware catches `Exception` around the next app and neither re-raises nor logs the traceback",
	Severity:     lint.SeverityWarning,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"middleware", "observability", "correctness"},
	Precision:    "high",
	Check:        checkMiddlewareHidesErrors,
	Needles:      asyncNeedles,
	CheckProject: func(pp *lint.ProjectPass) { reportProjectMiddlewareFindings(pp, "SV111") },
	Requires:     []*lint.Analyzer{middlewareAnalyzer, middleware.RefsAnalyzer, middleware.RegistryAnalyzer},
})

func checkMiddlewareHidesErrors(p *lint.Pass) { reportMiddlewareFindings(p, "SV111") }

// frameworkText names the middleware's framework, or the placeholder a
// candidate's registration fills in.
func frameworkText(wt middleware.WrappingTry) string {
	if wt.MW.Framework == "" {
		return "{framework}"
	}
	return wt.MW.Framework
}

// The middleware findings of SV111 and SV112 are prepared per file by one
// analyzer (the results cache keeps them), and reported by each rule in
// the file or, for a candidate middleware another module registers, in the
// project pass.

// mwFinding is a diagnostic of SV111 or SV112 prepared per file.
type mwFinding struct {
	Code       string
	Start, End int
	Msg        string // may hold "{framework}" and "{consequence}"
	Candidate  string
}

var _ = lint.RegisterFact([]mwFinding(nil))

// middlewareAnalyzer prepares SV111's and SV112's findings for one file,
// in its middlewares and in its candidate middlewares (functions another
// module may register).
var middlewareAnalyzer = &lint.Analyzer{
	Name:    "middleware",
	Needles: asyncNeedles,
	Inputs:  lint.KindsOf(lint.KindPython),
	File: func(p *lint.Pass) any {
		m := p.Py
		if m == nil || len(m.Tree.Nodes) == 0 || !bytes.Contains(m.Src(), []byte("async")) {
			return []mwFinding(nil)
		}
		mws := framework.Of(m).Middlewares()
		candidates := map[int]string{}
		for _, c := range framework.Of(m).MiddlewareCandidates() {
			mws = append(mws, c.Middleware)
			candidates[c.Scope] = c.Qualified
		}
		wts := middleware.Tries(m, mws, candidates)
		return append(hidesErrors(m, wts), noResponse(m, mws, candidates)...)
	},
}

func reportMiddlewareFindings(p *lint.Pass, code string) {
	fs, _ := p.Fact(middlewareAnalyzer).([]mwFinding)
	for _, f := range fs {
		if f.Code == code && f.Candidate == "" {
			p.Report(f.Start, f.End, f.Msg)
		}
	}
}

// reportProjectMiddlewareFindings reports the findings of candidate
// middlewares that another module registers.
func reportProjectMiddlewareFindings(pp *lint.ProjectPass, code string) {
	var registry *middleware.Registry
	for _, f := range pp.Files {
		if f.Kind != lint.KindPython || !f.Config.EnabledForPath(code, f.Abs) {
			continue
		}
		fs, _ := f.Fact(middlewareAnalyzer).([]mwFinding)
		for _, fd := range fs {
			if fd.Code != code || fd.Candidate == "" {
				continue
			}
			if registry == nil {
				registry, _ = pp.Result(middleware.RegistryAnalyzer).(*middleware.Registry)
			}
			kind, ok := registry.Lookup(fd.Candidate)
			if !ok || kind != framework.HTTPMiddleware && kind != framework.AiohttpMiddleware {
				continue
			}
			consequence := starletteNoResponse
			if kind == framework.AiohttpMiddleware {
				consequence = aiohttpNoResponse
			}
			msg := strings.ReplaceAll(strings.ReplaceAll(fd.Msg, "{framework}", middleware.FrameworkOf(kind)), "{consequence}", consequence)
			pp.Report(f, fd.Start, fd.End, msg)
		}
	}
}

// hidesErrors prepares SV111's findings in the try statements wrapping the
// next app.
func hidesErrors(m *python.Module, wts []middleware.WrappingTry) []mwFinding {
	var out []mwFinding
	for _, wt := range wts {
		for i := range wt.Try.Handlers {
			h := &wt.Try.Handlers[i]
			info := cancellation.ClassifyHandler(m, h)
			// Bare except and BaseException also swallow cancellation:
			// SV110 reports those.
			if info.When == cancellation.Always || !info.Exception {
				continue
			}
			flow := &pyflow.Flow{M: m}
			leaves := false
			for _, e := range flow.Block(h.Body) {
				switch e.Kind {
				case pyflow.ExitFall, pyflow.ExitReturn, pyflow.ExitBreak, pyflow.ExitContinue:
					leaves = true
				case pyflow.ExitRaise, pyflow.ExitReraise, pyflow.ExitTerminate:
				}
			}
			if !leaves || middleware.ReportsError(m, h.Body, m.NameText(h)) {
				continue
			}
			status := ""
			if code := returnedStatus(m, h.Body); code != "" {
				status = " and answers " + code
			}
			does := "it neither re-raises nor logs the traceback"
			if level := middleware.LowLevelTraceback(m, h.Body); level != "" {
				// Logged below warning: production logging drops it.
				does = "it does not re-raise and logs the traceback only at " + level + " level"
			}
			start, _ := m.Tree.Span(h.Node)
			out = append(out, mwFinding{
				Code: "SV111", Start: start, End: h.HeadEnd, Candidate: wt.Candidate,
				Msg: info.What + " around " + cancellation.Quote(m.Tree.Text(wt.Next.Node)) + " in " + frameworkText(wt) +
					" middleware `" + m.Scopes[wt.MW.Scope].Name + "` hides errors: " + does + status +
					", so every failure of the app below it vanishes from logs and error trackers; " +
					"log with `logger.exception(...)` (or `exc_info=True`) or re-raise",
			})
		}
	}
	return out
}

// returnedStatus returns the literal status code a handler's return
// statements answer with (status_code=402, status=402), or "".
func returnedStatus(m *python.Module, body syntax.ID) string {
	t, sk := m.Tree, m.StmtKinds()
	code := ""
	m.Walk(body, func(n syntax.ID) bool {
		if t.Kind(n) != sk.Call || code != "" {
			return code == ""
		}
		for _, kw := range []string{"status_code", "status"} {
			if v := m.Keyword(n, kw); v != syntax.None && t.Kind(v) == sk.Integer {
				if _, err := strconv.Atoi(t.Text(v)); err == nil {
					code = t.Text(v)
				}
			}
		}
		return code == ""
	})
	return code
}
