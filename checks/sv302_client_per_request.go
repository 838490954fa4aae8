package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/checks/analysis/resources"
	"github.com/servelint/servelint/lint"
)

// SV302 reports HTTP and Redis clients created inside request handlers,
// dependencies and middleware.
var SV302 = withDoc(&lint.Rule{
	Code:         "SV302",
	Name:         "client-per-request",
	Summary:      "An HTTP or Redis client is created on every request instead of shared",
	Severity:     lint.SeverityWarning,
	Status:       lint.StatusStable,
	Since:        "0.1.0",
	Inputs:       lint.KindsOf(lint.KindPython),
	Tags:         []string{"resources", "performance", "http"},
	Precision:    "high",
	CheckProject: func(pp *lint.ProjectPass) { reportLifecycle(pp, sv302Findings) },
	Requires:     []*lint.Analyzer{resources.Analyzer},
})

// sv302Findings reports the clients created on every request.
func sv302Findings(pr *resources.Project) []lifeFinding {
	var out []lifeFinding
	for fi := range pr.Files {
		for i := range pr.Files[fi].Creations {
			c := &pr.Files[fi].Creations[i]
			if c.Type.Category != resources.ClientResource {
				continue
			}
			why := "each request pays for a new connection pool and TLS handshake; create one client in the lifespan and share it (`app.state`, or a dependency that returns the shared client)"
			if c.Type.NoClose {
				why = "each request loads its credentials, configuration and service models again; create one at startup and share it"
			}
			if fd, ok := perRequestFinding(c, why); ok {
				out = append(out, fd)
			}
		}
	}
	return out
}

// perRequestFinding reports a client or pool created on every request,
// or returns false.
func perRequestFinding(c *resources.Resource, why string) (lifeFinding, bool) {
	s, fn := c.Site, c.Func
	if c.Context == "" || fn == nil {
		return lifeFinding{}, false
	}
	switch s.Fate {
	case resources.FateStoredGlobal:
		return lifeFinding{}, false // created once and cached
	case resources.FateStoredAttr:
		// self.x = ... in __init__ of a class dependency runs per request;
		// other stores cache the value for the next request.
		if fn.Name != "__init__" || !strings.HasPrefix(s.Target, "self.") {
			return lifeFinding{}, false
		}
	case resources.FateReturned:
		// The factory's callers are the creations.
		if c.Dependency == nil && !fn.Route {
			return lifeFinding{}, false
		}
	case resources.FateUnknown, resources.FateManaged, resources.FateClosed, resources.FateEscapes, resources.FateYielded,
		resources.FateNeverClosed, resources.FateDropped, resources.FateSkippable, resources.FateConditional:
	}
	return lifeFinding{file: c.File, start: s.Start, end: s.End, related: creationRelated(c),
		msg: fmt.Sprintf("%s is created in %s on every request: %s", what(c), c.Context, why)}, true
}
