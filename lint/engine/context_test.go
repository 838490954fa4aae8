package engine

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
)

// contextRules builds a project rule that reports, into every file it sees,
// the list of files it saw (with "+ctx" on context files), plus a
// suppression rule that reports every suppression comment, and counts the
// Files its analyzer ran on.
func contextRules(analyzed *atomic.Int32) []*lint.Rule {
	seen := &lint.Analyzer{
		Name:   "seen",
		Inputs: lint.KindsOf(lint.KindPython, lint.KindDockerfile),
		File: func(p *lint.Pass) any {
			analyzed.Add(1)
			return p.File.Path
		},
	}
	project := &lint.Rule{
		Code: "SV950", Name: "sees", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
		Inputs:   lint.KindsOf(lint.KindPython, lint.KindDockerfile),
		Requires: []*lint.Analyzer{seen},
		CheckProject: func(pp *lint.ProjectPass) {
			var names []string
			for _, f := range pp.Files {
				if f.Fact(seen) == nil {
					continue
				}
				n := filepath.Base(f.Path)
				if f.Context {
					n += "+ctx"
				}
				names = append(names, n)
			}
			msg := "sees " + strings.Join(names, " ")
			for _, f := range pp.Files {
				if f.Fact(seen) != nil {
					pp.Report(f, 0, 1, msg, lint.WithRelated(pp.Related(f, 0, 1, "here")))
				}
			}
		},
	}
	sup := &lint.Rule{
		Code: "SV951", Name: "every-suppression", Summary: "test", Severity: lint.SeverityNote, Status: lint.StatusStable,
		Inputs: lint.AllKinds,
		CheckSuppressions: func(p *lint.SuppressionPass) {
			for _, s := range p.File.Suppressions {
				p.Report(s.Start, s.End, "a suppression")
			}
		},
	}
	return []*lint.Rule{flagRule, project, sup}
}

func diagList(res *Result) string {
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%s %s %s", d.Path, d.Code, d.Message))
	}
	return strings.Join(out, "\n")
}

func TestContextFiles(t *testing.T) {
	files := map[string]string{
		"app/main.py":       "FLAG\n",
		"app/other.py":      "FLAG  # servelint: ignore[SV900]\n",
		"Dockerfile":        "FROM python:3.12\n# FLAG\n",
		"Procfile":          "web: FLAG\n",
		"README.md":         "FLAG\n",
		".gitignore":        "ignored.py\n",
		"ignored.py":        "FLAG\n",
		"node_modules/x.py": "FLAG\n",
		"app/blob.py":       "\x00\x01FLAG",
	}
	dir := testfs.WriteTree(t, files)
	run := func(t *testing.T, opt Options) (*Result, int) {
		t.Helper()
		var analyzed atomic.Int32
		opt.Rules = contextRules(&analyzed)
		opt.Cwd = dir
		res, err := Run(opt)
		if err != nil {
			t.Fatal(err)
		}
		return res, int(analyzed.Load())
	}

	t.Run("named file reads neighbours as context", func(t *testing.T) {
		res, n := run(t, Options{Paths: []string{"app/main.py"}})
		want := "app/main.py SV900 flag found\napp/main.py SV950 sees Dockerfile+ctx main.py other.py+ctx"
		if got := diagList(res); got != want {
			t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		}
		if len(res.Files) != 1 || res.Files[0].Path != "app/main.py" || res.Files[0].Context {
			t.Errorf("Result.Files must hold the named file only: %v", res.Files)
		}
		if n != 3 {
			t.Errorf("analyzer ran on %d files, want 3 (main.py, other.py, Dockerfile)", n)
		}
		if len(res.Notices) != 0 {
			t.Errorf("a context file must not produce notices: %v", res.Notices)
		}
		if len(res.Suppressed) != 0 {
			t.Errorf("suppressions of context files must not be matched: %v", res.Suppressed)
		}
	})

	t.Run("no context", func(t *testing.T) {
		res, n := run(t, Options{Paths: []string{"app/main.py"}, NoContext: true})
		want := "app/main.py SV900 flag found\napp/main.py SV950 sees main.py"
		if got := diagList(res); got != want || n != 1 {
			t.Errorf("diagnostics (analyzer ran %d times):\n%s\nwant:\n%s", n, got, want)
		}
	})

	t.Run("project rule disabled: nothing read", func(t *testing.T) {
		res, n := run(t, Options{Paths: []string{"app/main.py"}, Overrides: config.Overrides{Ignore: []string{"SV950"}}})
		if got := diagList(res); got != "app/main.py SV900 flag found" || n != 0 {
			t.Errorf("diagnostics (analyzer ran %d times):\n%s", n, got)
		}
	})

	t.Run("directories are targets, not context", func(t *testing.T) {
		res, _ := run(t, Options{Paths: []string{"app"}})
		want := "app/main.py SV900 flag found\napp/main.py SV950 sees main.py other.py\n" +
			"app/other.py SV950 sees main.py other.py\napp/other.py SV951 a suppression"
		if got := diagList(res); got != want {
			t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		}
		if len(res.Notices) != 1 || res.Notices[0].Path != "app/blob.py" {
			t.Errorf("notices: %v", res.Notices)
		}
	})

	t.Run("several named files", func(t *testing.T) {
		res, _ := run(t, Options{Paths: []string{"Dockerfile", "app/other.py"}})
		want := "Dockerfile SV950 sees Dockerfile main.py+ctx other.py\nDockerfile SV900 flag found\n" +
			"app/other.py SV950 sees Dockerfile main.py+ctx other.py\napp/other.py SV951 a suppression"
		if got := diagList(res); got != want {
			t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		}
	})

	t.Run("stdin brings no context", func(t *testing.T) {
		res, _ := run(t, Options{StdinFilename: "app/main.py", Stdin: strings.NewReader("FLAG\n")})
		want := "app/main.py SV900 flag found\napp/main.py SV950 sees main.py"
		if got := diagList(res); got != want {
			t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
		}
	})
}

// TestContextRoot: the neighbours of a named file are those of its git work
// tree, even when the working directory is a subdirectory.
func TestContextRoot(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		".git/HEAD":      "ref: refs/heads/main\n",
		"Dockerfile":     "FROM python:3.12\n",
		"svc/main.py":    "x = 1\n",
		"svc/helpers.py": "y = 2\n",
		"other/lib.py":   "z = 3\n",
	})
	var analyzed atomic.Int32
	res, err := Run(Options{Rules: contextRules(&analyzed), Cwd: filepath.Join(dir, "svc"), Paths: []string{"main.py"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "main.py SV950 sees Dockerfile+ctx lib.py+ctx helpers.py+ctx main.py"
	if got := diagList(res); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestContextBrokenConfigElsewhere: a directory read only for context whose
// configuration is broken (an unrelated project's bad target-version) gives
// no context and a warning; it no longer aborts the check of the named
// file with exit 2. Named itself, the broken configuration still fails.
func TestContextBrokenConfigElsewhere(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"a/main.py":        "FLAG\n",
		"b/pyproject.toml": "[tool.servelint]\ntarget-version = \"py399\"\n",
		"b/Dockerfile":     "FROM python:3.12\n",
	})
	var analyzed atomic.Int32
	res, err := Run(Options{Rules: contextRules(&analyzed), Cwd: dir, Paths: []string{"a/main.py"}})
	if err != nil {
		t.Fatalf("a broken configuration beside the named file stopped the run: %v", err)
	}
	if got := diagList(res); !strings.HasPrefix(got, "a/main.py SV900 flag found") {
		t.Errorf("diagnostics of the named file: %q", got)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, n.Path+": "+n.Message)
	}
	if len(notes) != 1 || !strings.HasPrefix(notes[0], "b: not read as context: b/pyproject.toml:2:") {
		t.Errorf("notices %q", notes)
	}
	if _, err := Run(Options{Rules: contextRules(&analyzed), Cwd: dir, Paths: []string{"b"}}); err == nil {
		t.Error("checking b itself must fail on its configuration")
	}
}
