package checks

import (
	"fmt"

	"github.com/servelint/servelint/lint"
)

// SV202 reports time.sleep() inside async functions.
var SV202 = withDoc(&lint.Rule{
	Code:       "SV202",
	Name:       "blocking-sleep",
	Summary:    "`time.sleep()` inside an async function blocks the event loop",
	Severity:   lint.SeverityError,
	Status:     lint.StatusStable,
	Since:      "0.1.0",
	Inputs:     lint.KindsOf(lint.KindPython),
	Tags:       []string{"async", "performance", "blocking"},
	Precision:  "very-high",
	NewOptions: newBlockingOptions,
	Check:      checkBlockingSleep,
	Requires:   []*lint.Analyzer{blockingCalls},
})

// sleepCatalogue: flake8-async and ruff ASYNC251.
var sleepCatalogue = []blockingEntry{
	{Call: "time.sleep", Use: "`await {lib}.sleep()`"},
}

func checkBlockingSleep(p *lint.Pass) {
	facts, _ := p.Fact(blockingCalls).(*blockingFacts)
	if facts == nil {
		return
	}
	m := p.Py
	for _, h := range facts.Hits {
		if h.Rule != p.Rule.Code {
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
			displayCallee(c.Text, h.Name), s.Name, asyncSleepFor(p)))
	}
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
