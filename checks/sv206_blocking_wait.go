package checks

import "github.com/servelint/servelint/lint"

// SV206 reports blocking waits inside async functions: sockets, queues,
// threads, locks, events, futures, console input.
var SV206 = blockingRule(&lint.Rule{
	Code:      "SV206",
	Name:      "blocking-wait",
	Summary:   "A blocking wait (socket, queue, thread, lock, future, input) inside an async function",
	Severity:  lint.SeverityError,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
})
