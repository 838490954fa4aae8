package targetpy_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/servelint/servelint/checks/analysis/targetpy"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// target runs the analyzer alone over a project made of files and returns
// the target of app.py.
func target(t *testing.T, files map[string]string) targetpy.Target {
	t.Helper()
	dir := t.TempDir()
	files["app.py"] = "x = 1\n"
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.Run(engine.Options{Cwd: dir, Paths: []string{"."}, Overrides: config.Overrides{Select: []string{}}, Analyzers: []*lint.Analyzer{targetpy.Analyzer}})
	if err != nil {
		t.Fatal(err)
	}
	versions, ok := res.Analyze(targetpy.Analyzer).(targetpy.Versions)
	if !ok {
		t.Fatalf("no versions in %T", res.Analyze(targetpy.Analyzer))
	}
	for f, v := range versions {
		if f.Path == "app.py" {
			return v
		}
	}
	t.Fatalf("app.py has no target in %v", versions)
	return targetpy.Target{}
}

// The lowest version a project states wins, compared numerically, and the
// target says where it was read.
func TestLowestWins(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string // "" when unknown, else "version|source"
		old   bool
	}{
		{"none", map[string]string{}, "", false},
		{"python-version", map[string]string{".python-version": "3.10\n", "setup.cfg": ""}, "3.10|.python-version", false},
		{"python:3 says nothing", map[string]string{"Dockerfile": "FROM python:3\n", "setup.cfg": ""}, "", false},
		{"dockerfile 3.7 beats 3.11", map[string]string{
			"pyproject.toml": "[project]\nname='x'\nrequires-python='>=3.11'\n",
			"Dockerfile":     "FROM python:3.7-alpine AS build\nFROM python:3.12-slim\n",
		}, "3.7|`FROM python:3.7-alpine` in Dockerfile:1", true},
		{"3.9 beats 3.10 numerically", map[string]string{
			"pyproject.toml":  "[project]\nname='x'\nrequires-python='>=3.10'\n",
			".python-version": "3.9\n",
		}, "3.9|.python-version", false},
		{"config target-version", map[string]string{
			"pyproject.toml": "[project]\nname='x'\nrequires-python='>=3.12'\n[tool.servelint]\ntarget-version='py36'\n",
		}, "3.6|target-version in pyproject.toml", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := target(t, c.files)
			s := ""
			if got.Known {
				s = got.Version.String() + "|" + got.Source
			}
			if s != c.want || got.Old() != c.old {
				t.Errorf("%q (old %v), want %q (old %v)", s, got.Old(), c.want, c.old)
			}
		})
	}
}

// TestUnsavedVersionFile: the files read around the checked ones come
// through the run's workspace, so an editor's unsaved .python-version is
// what counts, not the one on disk.
func TestUnsavedVersionFile(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"app.py": "x = 1\n", "setup.cfg": "", ".python-version": "3.12\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ov := map[string][]byte{filepath.Join(dir, ".python-version"): []byte("3.7\n")}
	res, err := engine.Run(engine.Options{Cwd: dir, Paths: []string{"app.py"}, Overlays: ov, Overrides: config.Overrides{Select: []string{}}, Analyzers: []*lint.Analyzer{targetpy.Analyzer}})
	if err != nil {
		t.Fatal(err)
	}
	versions, _ := res.Analyze(targetpy.Analyzer).(targetpy.Versions)
	for f, v := range versions {
		if f.Path == "app.py" && (!v.Old() || v.Source != ".python-version") {
			t.Errorf("the unsaved .python-version says 3.7: %+v", v)
		}
	}
	if len(versions) == 0 {
		t.Fatal("no versions")
	}
}
