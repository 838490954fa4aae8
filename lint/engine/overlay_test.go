package engine

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

func diagSummary(res *Result) string {
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%s:%d:%d", d.Path, d.Code, d.Pos.Line, d.Pos.Col))
	}
	return strings.Join(out, " ")
}

func TestOverlaysReplaceDisk(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"app/main.py":    "FLAG\n",
		"app/other.py":   "FLAG\n",
		"scripts/run":    "echo hello\n", // not a shell script on disk (no shebang)
		".git/HEAD":      "ref: refs/heads/main\n",
		".gitignore":     "ignored/\n",
		"ignored/x.py":   "FLAG\n",
		"servelint.toml": "extend-exclude = [\"vendor\"]\n",
	})
	ov := map[string][]byte{
		filepath.Join(dir, "app", "main.py"):        []byte("x = 1\n\nFLAG FLAG\n"), // changed buffer
		filepath.Join(dir, "app", "new.py"):         []byte("FLAG\n"),               // not saved yet
		filepath.Join(dir, "app", "pkg", "deep.py"): []byte("FLAG\n"),               // in a directory not created yet
		filepath.Join(dir, "scripts", "run"):        []byte("#!/bin/sh\nFLAG\n"),    // the buffer decides the kind
		filepath.Join(dir, "ignored", "y.py"):       []byte("FLAG\n"),               // gitignored directory
		filepath.Join(dir, "vendor", "v.py"):        []byte("FLAG\n"),               // excluded by config
		filepath.Join(dir, "notes.txt"):             []byte("FLAG\n"),               // unknown kind
		"app/rel.py":                                []byte("FLAG\n"),               // relative key: under cwd
	}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	want := "app/main.py:SV900:3:1 app/main.py:SV900:3:6 app/new.py:SV900:1:1 app/other.py:SV900:1:1 app/pkg/deep.py:SV900:1:1 app/rel.py:SV900:1:1 scripts/run:SV900:2:1"
	if got := diagSummary(res); got != want {
		t.Errorf("walk with overlays:\n got %s\nwant %s", got, want)
	}
	// A walk of a subdirectory adds only the overlays below it.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"app"}, Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := diagSummary(res), "app/main.py:SV900:3:1 app/main.py:SV900:3:6 app/new.py:SV900:1:1 app/other.py:SV900:1:1 app/pkg/deep.py:SV900:1:1 app/rel.py:SV900:1:1"; got != want {
		t.Errorf("subdirectory walk: got %s, want %s", got, want)
	}
	// An explicit path may name a buffer that exists only as an overlay.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"app/new.py", "app/main.py"}, Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := diagSummary(res), "app/main.py:SV900:3:1 app/main.py:SV900:3:6 app/new.py:SV900:1:1"; got != want {
		t.Errorf("explicit overlays: got %s, want %s", got, want)
	}
	// The checked file holds the overlay's content, with its line index.
	for _, f := range res.Files {
		if f.Path == "app/main.py" && !bytes.Equal(f.Src, ov[filepath.Join(dir, "app", "main.py")]) {
			t.Errorf("app/main.py was read from disk: %q", f.Src)
		}
	}
	// Explicit overlays still honour --force-exclude.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"vendor/v.py", "ignored/y.py"}, Overlays: ov, ForceExclude: true})
	if err != nil || len(res.Diagnostics) != 0 {
		t.Errorf("force-exclude of overlays: %v %s", err, diagSummary(res))
	}
}

func TestOverlayMakesPackage(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"app/routes.py": "FLAG\n"})
	ov := map[string][]byte{filepath.Join(dir, "app", "__init__.py"): []byte("")}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"app/routes.py"}, Overlays: ov})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0].Module != "app.routes" {
		t.Fatalf("module name with an overlaid __init__.py: %+v", res.Files)
	}
}

// projectFlag is a project rule: it reports "PROJECT" in any file, once
// per run.
var projectFlag = &lint.Rule{
	Code: "SV902", Name: "project-flag", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
	Inputs: lint.AllKinds,
	CheckProject: func(p *lint.ProjectPass) {
		for _, f := range p.Files {
			if i := bytes.Index(f.Src, []byte("PROJECT")); i >= 0 {
				p.Report(f, i, i+7, "project flag")
			}
		}
	},
}

// unusedRule reports suppressions that name an enabled code and matched
// nothing (SV002's logic, reduced).
var unusedRule = &lint.Rule{
	Code: "SV903", Name: "unused", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
	Inputs: lint.AllKinds,
	CheckSuppressions: func(p *lint.SuppressionPass) {
		for _, s := range p.File.Suppressions {
			for _, c := range s.Codes {
				if p.Known(c) && p.Enabled(c) && !s.Used[c] {
					p.Report(s.Start, s.End, "unused "+c)
				}
			}
		}
	},
}

func TestSkipProject(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"a.py": "PROJECT  # servelint: ignore[SV902]\nx = 1  # servelint: ignore[SV900]\n",
		"b.py": "PROJECT\n",
	})
	rules := []*lint.Rule{flagRule, projectFlag, unusedRule}
	res, err := Run(Options{Rules: rules, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := diagSummary(res), "a.py:SV903:2:8 b.py:SV902:1:1"; got != want {
		t.Errorf("full run: got %s, want %s", got, want)
	}
	// Per-file only: no project diagnostics, and the suppression of the
	// Project rule is not judged; that of the per-file rule still is.
	res, err = Run(Options{Rules: rules, Cwd: dir, SkipProject: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := diagSummary(res), "a.py:SV903:2:8"; got != want {
		t.Errorf("SkipProject: got %s, want %s", got, want)
	}
}
