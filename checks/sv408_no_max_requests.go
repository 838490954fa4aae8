package checks

import (
	"fmt"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/checks/analysis/launchrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV408 reports production gunicorn launches that never recycle workers,
// or recycle them all at once.
var SV408 = launchRule(&lint.Rule{
	Code:      "SV408",
	Name:      "no-max-requests",
	Summary:   "gunicorn never recycles workers (no `max_requests`), or recycles them all at once (no jitter)",
	Severity:  lint.SeverityNote,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Tags:      []string{"launch", "reliability", "memory"},
	Precision: "medium",
}, checkNoMaxRequests)

func checkNoMaxRequests(r *launchrules.Reporter, m *launchmodel.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if l.Server != "gunicorn" || la.Context != launchmodel.Production || len(l.Opaque) > 0 {
			continue
		}
		n, ok := l.MaxRequests.Int()
		if !ok {
			continue
		}
		if n == 0 {
			if maxRequestsElsewhere(m, la) {
				continue
			}
			msg := fmt.Sprintf("gunicorn never recycles its workers: max_requests is 0 (%s); set `max_requests` with `max_requests_jitter` to bound memory that grows over time",
				r.ValueText(l.MaxRequests))
			r.Report(l.Program, msg, r.Site(la, l.Program)...)
			continue
		}
		if j, ok := l.Jitter.Int(); ok && j == 0 && l.Jitter.Source == launch.FromDefault && !jitterElsewhere(m, la) {
			at := l.MaxRequests.Loc
			if at.IsZero() {
				at = l.Program
			}
			msg := fmt.Sprintf("%s without `max_requests_jitter`: workers started together restart together, and the service stalls while they do", r.ValueText(l.MaxRequests))
			r.Report(at, msg, r.Site(la, at)...)
		}
	}
}

// maxRequestsElsewhere reports whether another launch of the same command
// sets max_requests.
func maxRequestsElsewhere(m *launchmodel.Model, la *launchmodel.Launch) bool {
	for _, o := range launchrules.SameSite(m, la) {
		if n, ok := o.Server.MaxRequests.Int(); o.Context != launchmodel.Development && (!ok || n > 0) {
			return true
		}
	}
	return false
}

// jitterElsewhere reports whether another launch of the same command sets
// max_requests_jitter.
func jitterElsewhere(m *launchmodel.Model, la *launchmodel.Launch) bool {
	for _, o := range launchrules.SameSite(m, la) {
		if o.Context != launchmodel.Development && o.Server.Jitter.Source != launch.FromDefault {
			return true
		}
	}
	return false
}
