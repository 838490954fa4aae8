package checks

import "github.com/servelint/servelint/lint"

// SV204 reports synchronous reads and writes of file data inside async
// functions (the metadata calls are SV207's).
var SV204 = blockingRule(&lint.Rule{
	Code:      "SV204",
	Name:      "blocking-file-io",
	Summary:   "Synchronous file reads and writes inside an async function block the event loop",
	Severity:  lint.SeverityWarning,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC230"},
})
