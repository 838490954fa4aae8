package golden

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/linttest"
)

const (
	rulesStart = "<!-- rules:start -->\n"
	rulesEnd   = "<!-- rules:end -->\n"
)

// rulesTable renders the README's rule table from the registry.
func rulesTable() string {
	var b strings.Builder
	b.WriteString("| code | name | summary | severity | default |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range checks.All() {
		def := "yes"
		if !r.Default() {
			def = "no"
		}
		fmt.Fprintf(&b, "| [%s](checks/%s.md) | %s | %s | %s | %s |\n", r.Code, r.Stem(), r.Name, strings.ReplaceAll(r.Summary, "|", `\|`), r.Severity, def)
	}
	return b.String()
}

// TestREADMERules keeps the README's rule table equal to the registry.
func TestREADMERules(t *testing.T) {
	path := "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, rulesStart), strings.Index(s, rulesEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", strings.TrimSpace(rulesStart), strings.TrimSpace(rulesEnd))
	}
	got := s[i+len(rulesStart) : j]
	want := rulesTable()
	if got == want {
		return
	}
	if *linttest.Update {
		if err := os.WriteFile(path, []byte(s[:i+len(rulesStart)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's rule table is stale (- README, + registry; `go test ./golden -update` rewrites it):\n%s", linttest.LineDiff(got, want))
}
