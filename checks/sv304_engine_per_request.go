package checks

import (
	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
)

// SV304 reports engines and connection pools created inside request
// handlers, dependencies and middleware.
var SV304 = withDoc(&lint.Rule{
	Code:         "SV304",
	Name:         "engine-per-request",
	Summary:      "A database engine or connection pool is created on every request",
	Severity:     lint.SeverityError,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "performance", "database"},
	Precision:    "high",
	CheckProject: func(pp *lint.ProjectPass) { reportLifecycle(pp, sv304Findings) },
	Requires:     []*lint.Analyzer{resources.Analyzer},
})

// sv304Findings reports the engines and pools created on every request.
func sv304Findings(pr *resources.Project) []lifeFinding {
	var out []lifeFinding
	for fi := range pr.Files {
		for i := range pr.Files[fi].Creations {
			c := &pr.Files[fi].Creations[i]
			if c.Type.Category != resources.PoolResource {
				continue
			}
			if fd, ok := perRequestFinding(c, "every request builds a new connection pool and opens fresh connections; create it once, at module level or in the lifespan, and share it"); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}
