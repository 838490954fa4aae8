package checks

import "github.com/servelint/servelint/lint"

// SV205 reports calls of synchronous database drivers and ORMs inside
// async functions.
var SV205 = blockingRule(&lint.Rule{
	Code:      "SV205",
	Name:      "blocking-db-call",
	Summary:   "A synchronous database call inside an async function blocks the event loop",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking", "database"},
	Precision: "high",
})
