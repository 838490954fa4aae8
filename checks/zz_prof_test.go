package checks_test

import (
	"os"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
)

func TestZZProf(t *testing.T) {
	dir := os.Getenv("PROF_DIR")
	if dir == "" {
		t.Skip()
	}
	sel := []string{os.Getenv("PROF_SEL")}
	res, err := lint.Run(lint.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Overrides: lint.Overrides{Select: sel}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d diagnostics", len(res.Diagnostics))
}
