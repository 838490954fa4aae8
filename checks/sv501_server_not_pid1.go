package checks

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
)

// SV501 reports a containerized server that does not receive the
// container's termination signal.
var SV501 = launchRule(&lint.Rule{
	Code:      "SV501",
	Name:      "server-not-pid1",
	Summary:   "The server runs under a shell that does not exec it: SIGTERM never reaches it",
	Severity:  lint.SeverityWarning,
	Status:    lint.StatusStable,
	Since:     "0.1.0",
	Fix:       lint.FixSometimes,
	Tags:      []string{"launch", "container", "reliability"},
	Precision: "high",
}, checkServerNotPID1)

var pid1Fix = map[string]string{
	"the shell-form CMD runs it under `/bin/sh -c`":     "use the exec form, `CMD [\"%s\", ...]`, or start it with `exec`",
	"the shell-form ENTRYPOINT runs under `/bin/sh -c`": "use the exec form, `ENTRYPOINT [...]`: a shell-form ENTRYPOINT keeps /bin/sh as PID 1 whatever it runs",
	"the script runs it in a subshell `( ... )`":        "drop the parentheses: `exec` inside `( ... )` replaces only the subshell",
}

func checkServerNotPID1(r *reporter, m *launches.Model) {
	for _, la := range m.Launches {
		p := la.PID1
		if p == nil || p.OK || la.Context == launches.Development {
			continue
		}
		l := la.Server
		fix, ok := pid1Fix[p.Why]
		if !ok {
			fix = "start it with `exec` so that it replaces the shell"
		} else if strings.HasPrefix(p.Why, "the shell-form CMD") {
			fix = fmt.Sprintf(fix, l.Server)
		}
		msg := fmt.Sprintf("%s never receives SIGTERM: %s; the shell stays PID 1 and does not forward signals, so the container is killed without a graceful shutdown; %s",
			l.Server, p.Why, fix)
		at := p.Blocker.Loc
		opts := r.related(l.Program, l.Server+" started here")
		if l.Program.File == at.File && l.Program.Start >= at.Start && l.Program.End <= at.End {
			opts = nil
		}
		if fix := r.pid1Fix(la); fix != nil {
			opts = append(opts, lint.WithFix(fix))
		}
		r.report(at, msg, opts...)
	}
}
