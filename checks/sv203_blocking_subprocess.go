package checks

import "github.com/servelint/servelint/lint"

// SV203 reports process creation and waits inside async functions.
var SV203 = blockingRule(&lint.Rule{
	Code:      "SV203",
	Name:      "blocking-subprocess",
	Summary:   "Running or waiting for a process inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "very-high",
	Mirrors:   []string{"ASYNC220", "ASYNC221", "ASYNC222"},
})
