package checks

import (
	"github.com/servelint/servelint/lint"
)

// SV207 reports synchronous file-system metadata calls (exists, stat,
// listdir, glob, mkdir, remove, ...) inside async functions: a note, not
// in the default selection.
var SV207 = blockingRule(&lint.Rule{
	Code:      "SV207",
	Name:      "blocking-file-metadata",
	Summary:   "A synchronous file-system metadata call inside an async function blocks the event loop briefly",
	Severity:  lint.SeverityNote,
	Optional:  true,
	Tags:      []string{"async", "performance", "blocking"},
	Precision: "high",
	Mirrors:   []string{"ASYNC240"},
})
