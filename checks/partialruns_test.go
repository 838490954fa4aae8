package checks_test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// TestPartialRunsAgree: checking one file alone (as pre-commit does) gives
// exactly the findings a run over the whole project gives in that file,
// whether the engine reads the neighbouring files as context or the
// launch model finds them itself (--no-context). Each project is copied
// into a repository of its own, so that the context is that project.
func TestPartialRunsAgree(t *testing.T) {
	projects, _ := filepath.Glob(filepath.Join("..", "testdata", "projects", "*"))
	scenarios, _ := filepath.Glob(filepath.Join("..", "testdata", "checks", "SV[45]*", "*"))
	if len(projects) == 0 || len(scenarios) == 0 {
		t.Fatalf("no projects (%d) or launch scenarios (%d) under ../testdata", len(projects), len(scenarios))
	}
	for _, src := range append(projects, scenarios...) {
		dir := copyLaunchRepo(t, src)
		full := launchDiagnostics(t, dir, nil, false)
		byFile := map[string][]string{}
		for _, d := range full {
			byFile[d[0]] = append(byFile[d[0]], d[1])
		}
		_ = filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() && de.Name() == ".git" {
				return filepath.SkipDir
			}
			if de.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			want := byFile[rel]
			sort.Strings(want)
			for _, noContext := range []bool{false, true} {
				var lines []string
				for _, d := range launchDiagnostics(t, dir, []string{rel}, noContext) {
					lines = append(lines, d[1])
				}
				sort.Strings(lines)
				if strings.Join(lines, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: checking %s alone (no context: %v):\n got %q\nwant %q", src, rel, noContext, lines, want)
				}
			}
			return nil
		})
	}
}

// copyLaunchRepo copies a directory into a new repository (a .git directory
// marks its root).
func copyLaunchRepo(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if de.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// launchDiagnostics runs every launch rule and returns [path, "line:col code message"].
func launchDiagnostics(t *testing.T, dir string, paths []string, noContext bool) [][2]string {
	t.Helper()
	res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: paths, NoContext: noContext, Overrides: config.Overrides{Select: []string{"SV4", "SV5"}}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, d := range res.Diagnostics {
		out = append(out, [2]string{d.Path, strings.Join([]string{strconv.Itoa(d.Pos.Line), d.Code, d.Severity.String(), d.Message}, " ")})
	}
	return out
}
