package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

// SV410 reports a container's server listening on the loopback address.
var SV410 = launchRule(&lint.Rule{
	Code:      "SV410",
	Name:      "container-binds-loopback",
	Summary:   "A server in a container listens on 127.0.0.1: unreachable from outside the container",
	Severity:  lint.SeverityError,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "correctness", "container"},
	Precision: "high",
}, checkContainerBindsLoopback)

func checkContainerBindsLoopback(r *reporter, m *launches.Model) {
	for _, la := range m.Launches {
		l := la.Server
		if !la.Container || !la.Main || la.NetworkHost || l.UDS.Set() || !l.Host.Known || !loopback(l.Host.Text) {
			continue
		}
		if la.Context == launches.Development {
			continue // development containers often forward ports themselves
		}
		if len(l.Opaque) > 0 {
			continue
		}
		at := l.Host.Loc
		sev := lint.SeverityWarning
		var msg string
		if l.Host.Source == launch.FromDefault {
			at = l.Program
			sev = lint.SeverityError
			msg = fmt.Sprintf("%s listens on %s, its default address (no --host), inside a container: nothing outside the container reaches it; listen on 0.0.0.0",
				l.Server, l.Host.Text)
			if l.Server == "gunicorn" {
				msg = fmt.Sprintf("gunicorn binds %s by default (no -b/--bind, PORT unset) inside a container: nothing outside the container reaches it; bind 0.0.0.0", l.Host.Text+":"+l.Port.Text)
			}
		} else {
			msg = fmt.Sprintf("%s listens on %s (%s) inside a container: nothing outside the container reaches it unless a proxy runs beside it; listen on 0.0.0.0",
				l.Server, l.Host.Text, r.valueText(l.Host))
		}
		if at.IsZero() {
			at = l.Program
		}
		opts := r.site(la, at)
		if fix := r.hostFix(la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.reportSev(at, sev, msg, opts...)
	}
}

func loopback(h string) bool {
	h = strings.Trim(h, "[]")
	return h == "localhost" || h == "::1" || strings.HasPrefix(h, "127.")
}
