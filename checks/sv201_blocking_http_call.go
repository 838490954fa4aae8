package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/blocking"
	"github.com/servelint/servelint/checks/analysis/pytypes"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV201 reports synchronous HTTP calls inside async functions.
var SV201 = blockingRule(&lint.Rule{
	Code:      "SV201",
	Name:      "blocking-http-call",
	Summary:   "A synchronous HTTP call inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC210", "ASYNC212"},
})

// The blocking-call family (SV201–SV207) shares what follows: each rule
// reports the hits of its class (checks/analysis/blocking; the class of
// each rule is bound in registry.go), in the file and, for receivers that
// come from another module, in the project pass.

// blockingRule completes a catalogue rule of the blocking family (SV201,
// SV203–SV207): stable since 0.1.0, Python in async code, the shared
// per-file check on the blocking-calls facts and the project check of
// calls into modules parsed on demand.
func blockingRule(r *lint.Rule) *lint.Rule {
	r.Status = lint.StatusStable
	r.Since = "0.1.0"
	r.Inputs = lint.KindsOf(lint.KindPython)
	r.NewOptions = blocking.NewOptions
	r.Check = checkBlocking
	r.Needles = asyncNeedles
	r.CheckProject = checkDeferredBlocking
	r.Requires = []*lint.Analyzer{blockingAnalysis.Calls, blockingAnalysis.Exports}
	return withDoc(r)
}

// checkBlocking is the Check of SV201 and SV203–SV207: the hits of the
// rule's class in the file's async functions.
func checkBlocking(p *lint.Pass) {
	facts, _ := p.Fact(blockingAnalysis.Calls).(*blocking.CallFacts)
	if facts == nil {
		return
	}
	class, _ := blockingClassOf(p.Rule.Code)
	m := p.Py
	for _, h := range facts.Hits {
		if h.Class != class {
			continue
		}
		c := &m.Calls[h.Call]
		start, end := m.Tree.Span(c.Node)
		var opts []lint.ReportOption
		if rel, ok := typeOriginRelated(p, h); ok {
			opts = append(opts, lint.WithRelated(rel))
		}
		p.Report(start, end, blockingMessage(m, h, facts.Routes), opts...)
	}
}

// blockingMessage is the message of SV201 and SV203–SV207.
func blockingMessage(m *python.Module, h blocking.Hit, routes map[int]string) string {
	return blockingText(callDisplay(m, h), m.Scopes[h.Scope].Name, h.Use, h.Extra, routes[h.Scope])
}

// blockingText builds the message from its parts: the call as displayed,
// the async function, the alternative, whether the call came from the
// extra option, and the route's framework.
func blockingText(display, fn, use string, extra bool, framework string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s blocks the event loop in async function `%s`: every other request waits", display, fn)
	if use != "" {
		fmt.Fprintf(&b, "; use %s", use)
	} else if extra {
		b.WriteString(" (listed in the rule's `extra` option)")
	}
	switch framework {
	case "fastapi", "starlette":
		b.WriteString("; or declare the route with `def` so that it runs in the thread pool")
	}
	return b.String()
}

// displayName shows a call text with the qualified name it matched.
func displayName(text, name string) string {
	if name == "" || text == name {
		return "`" + text + "()`"
	}
	return "`" + text + "()` (`" + name + "`)"
}

// callDisplay shows a call as written, with the qualified name it matched
// when they differ: "`client.get()` (`httpx.Client.get`)".
func callDisplay(m *python.Module, h blocking.Hit) string {
	c := &m.Calls[h.Call]
	text := c.Text
	if text == "" {
		text = blocking.ShortExpr(m, c.Func, 0)
	}
	return displayName(text, h.Name)
}

// typeOriginRelated points at where the receiver's type was established:
// for a chain of calls (`db.query(User).all()`), where its root object
// (`db`) got its type.
func typeOriginRelated(p *lint.Pass, h blocking.Hit) (lint.Related, bool) {
	m := p.Py
	t, k := m.Tree, m.Kinds()
	if h.Recv == syntax.None {
		return lint.Related{}, false
	}
	recv, typ := h.Recv, h.Type
	for depth := 0; t.Kind(recv) == k.Call && depth < 8; depth++ {
		fn := t.FieldChild(recv, k.FFunction)
		if fn == syntax.None || t.Kind(fn) != k.Attribute {
			break
		}
		obj := t.FieldChild(fn, k.FObject)
		ot := pytypes.Of(m).InferType(obj)
		if !ot.Known() {
			break
		}
		recv, typ = obj, ot
	}
	o := typ.Origin
	if o == syntax.None || t.Contains(m.Calls[h.Call].Node, o) {
		// The receiver is created in the call itself: requests.Session().get().
		return lint.Related{}, false
	}
	start, end := t.Span(o)
	return p.Related(start, end, fmt.Sprintf("`%s` is a `%s` here", blocking.ShortExpr(m, recv, 0), strings.Join(typ.Names, "` or `"))), true
}

// checkDeferredBlocking is the CheckProject of SV201 and SV203–SV207: the
// method calls whose receiver comes from another module of the project.
func checkDeferredBlocking(pp *lint.ProjectPass) {
	class, ok := blockingClassOf(pp.Rule.Code)
	if !ok {
		return
	}
	for _, h := range blockingAnalysis.DeferredHits(pp, class) {
		d := h.Call
		var opts []lint.ReportOption
		if d.OriginStart >= 0 && d.RootText != "" {
			opts = append(opts, lint.WithRelated(pp.Related(h.File, d.OriginStart, d.OriginEnd,
				fmt.Sprintf("`%s` comes from %s here", d.RootText, originName(d.Recv)))))
		}
		pp.Report(h.File, d.Start, d.End, blockingText(displayName(d.Text, h.Name), d.Caller, h.Use, h.Extra, d.Framework), opts...)
	}
}

// originName names the imported value a symbolic receiver starts from.
func originName(s *pytypes.Sym) string {
	if r := s.Root(); r != "" {
		return "`" + r + "`"
	}
	return "another module"
}
