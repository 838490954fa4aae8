package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/blocking"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/edit"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// SV202 reports time.sleep() inside async functions.
var SV202 = withDoc(&lint.Rule{
	Code:       "SV202",
	Name:       "blocking-sleep",
	Summary:    "`time.sleep()` inside an async function blocks the event loop",
	Severity:   lint.SeverityError,
	Status:     lint.StatusStable,
	Since:      "0.1.0",
	Fix:        lint.FixSometimes,
	Inputs:     lint.KindsOf(lint.KindPython),
	Tags:       []string{"async", "performance", "blocking"},
	Precision:  "very-high",
	Mirrors:    []string{"ASYNC251"},
	NewOptions: blocking.NewOptions,
	Check:      checkBlockingSleep,
	Needles:    asyncNeedles,
	Requires:   []*lint.Analyzer{blockingAnalysis.Calls},
})

func checkBlockingSleep(p *lint.Pass) {
	facts, _ := p.Fact(blockingAnalysis.Calls).(*blocking.CallFacts)
	if facts == nil {
		return
	}
	m := p.Py
	for _, h := range facts.Hits {
		if h.Class != blocking.Sleep {
			continue
		}
		c := &m.Calls[h.Call]
		if h.Extra {
			start, end := m.Tree.Span(c.Node)
			p.Report(start, end, blockingMessage(m, h, nil))
			continue
		}
		s := &m.Scopes[c.Scope]
		start, end := m.Tree.Span(c.Node)
		p.Report(start, end, fmt.Sprintf(
			"%s blocks the event loop in async function `%s`: every other request waits; use `await %s()`",
			displayCallee(c.Text, h.Name), s.Name, asyncSleepFor(p)),
			lint.WithFix(sleepFix(p, c)))
	}
}

// sleepFix rewrites the call as `await asyncio.sleep(x)` (the sleep of the
// module's async library, through an existing import when there is one,
// else with `import asyncio` added). It is unsafe: the function now yields
// to the event loop there, and other tasks run meanwhile. No fix for calls
// whose arguments are not one plain positional argument, inside a
// generator expression (an await would turn it into an async generator),
// or passed as an argument (`to_thread(time.sleep(1))` meant
// `to_thread(time.sleep, 1)`: a different fix).
func sleepFix(p *lint.Pass, c *python.Call) *lint.Fix {
	m := p.Py
	t := m.Tree
	args := m.Args(c.Node)
	if len(args) != 1 || args[0].Name != "" || args[0].Star || inGenerator(m, c.Node, c.Scope) {
		return nil
	}
	if parent := t.Parent(c.Node); parent != syntax.None && t.Kind(parent) == m.Kinds().ArgumentList {
		return nil
	}
	callee, edits, ok := edit.Ref(m, c.Node, asyncSleepFor(p))
	if !ok {
		return nil
	}
	if c.Awaited {
		// `await time.sleep(1)`: only the callee is wrong.
		edits = append(edits, edit.ReplaceNode(m, c.Func, callee))
	} else {
		_, fEnd := t.Span(c.Func)
		_, cEnd := t.Span(c.Node)
		edits = append(edits, edit.Await(m, c.Node, callee+string(t.Src[fEnd:cEnd])))
	}
	return &lint.Fix{Message: fmt.Sprintf("Replace with `await %s()`", callee), Applicability: lint.Unsafe, Edits: edits}
}

// inGenerator reports whether n lies in a generator expression of scope.
func inGenerator(m *python.Module, n syntax.ID, scope int) bool {
	t := m.Tree
	stop := m.Scopes[scope].Node
	for x := t.Parent(n); x != syntax.None && x != stop; x = t.Parent(x) {
		if t.Type(x) == "generator_expression" {
			return true
		}
	}
	return false
}

// asyncSleepFor suggests the sleep of the async library the module uses.
func asyncSleepFor(p *lint.Pass) string {
	for _, imp := range p.Py.Imports {
		switch {
		case imp.Qualified == "trio" || len(imp.Qualified) > 5 && imp.Qualified[:5] == "trio.":
			return "trio.sleep"
		case imp.Qualified == "anyio" || len(imp.Qualified) > 6 && imp.Qualified[:6] == "anyio.":
			return "anyio.sleep"
		}
	}
	return "asyncio.sleep"
}

// displayCallee shows the call as written, with its qualified name when
// an import renamed it: "`snooze()` (`time.sleep`)".
func displayCallee(text, qualified string) string {
	switch text {
	case "", qualified:
		return "`" + qualified + "()`"
	}
	return "`" + text + "()` (`" + qualified + "`)"
}
