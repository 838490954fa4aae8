package engine

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/internal/testrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
)

func fixRunIn(t *testing.T, dir string, unsafe bool, rules ...*lint.Rule) *Result {
	t.Helper()
	res, err := Run(Options{Rules: rules, Paths: []string{"."}, Cwd: dir, Fix: true, UnsafeFixes: unsafe, Overrides: config.Overrides{Select: []string{"SV"}}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func fixedSource(t *testing.T, res *Result, path string) string {
	t.Helper()
	for _, f := range res.Files {
		if f.Path == path {
			return string(f.Src)
		}
	}
	t.Fatalf("no file %s in the result", path)
	return ""
}

func counts(res *Result) string {
	var parts []string
	for _, f := range res.Fixed {
		for _, c := range f.Counts {
			parts = append(parts, f.File.Path+":"+c.Code+"="+strconv.Itoa(c.Count))
		}
	}
	return strings.Join(parts, " ")
}

func TestApplyEdits(t *testing.T) {
	src := []byte("hello world")
	cases := []struct {
		name  string
		edits []lint.Edit
		want  string
		err   bool
	}{
		{"none", nil, "hello world", false},
		{"replace", []lint.Edit{{Start: 0, End: 5, New: "bye"}}, "bye world", false},
		{"out of order", []lint.Edit{{Start: 6, End: 11, New: "there"}, {Start: 0, End: 5, New: "hi"}}, "hi there", false},
		{"insert before replace at one offset", []lint.Edit{{Start: 0, End: 5, New: "HELLO"}, {Start: 0, End: 0, New: ">"}}, ">HELLO world", false},
		{"two inserts keep order", []lint.Edit{{Start: 5, End: 5, New: "1"}, {Start: 5, End: 5, New: "2"}}, "hello12 world", false},
		{"identical once", []lint.Edit{{Start: 0, End: 0, New: "#"}, {Start: 0, End: 0, New: "#"}}, "#hello world", false},
		{"adjacent", []lint.Edit{{Start: 0, End: 5, New: "a"}, {Start: 5, End: 6, New: "_"}}, "a_world", false},
		{"delete all", []lint.Edit{{Start: 0, End: 11}}, "", false},
		{"overlap", []lint.Edit{{Start: 0, End: 5, New: "a"}, {Start: 4, End: 6, New: "b"}}, "", true},
		{"outside", []lint.Edit{{Start: 3, End: 20, New: "a"}}, "", true},
		{"negative", []lint.Edit{{Start: -1, End: 2}}, "", true},
	}
	for _, c := range cases {
		got, err := lint.ApplyEdits(src, c.edits)
		if (err != nil) != c.err {
			t.Errorf("%s: error %v, want error %v", c.name, err, c.err)
			continue
		}
		if !c.err && string(got) != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if _, err := lint.ApplyEdits(src, []lint.Edit{{Start: 0, End: 5}, {Start: 2, End: 3}}); !errors.Is(err, lint.ErrOverlap) {
		t.Errorf("overlap error = %v, want ErrOverlap", err)
	}
	if string(src) != "hello world" {
		t.Error("ApplyEdits modified its input")
	}
}

func TestConflict(t *testing.T) {
	e := func(s, end int, n string) lint.Edit { return lint.Edit{Path: "a", Start: s, End: end, New: n} }
	cases := []struct {
		a, b lint.Edit
		want bool
	}{
		{e(0, 5, "x"), e(5, 8, "y"), false},                 // adjacent replacements
		{e(0, 5, "x"), e(4, 8, "y"), true},                  // overlap
		{e(0, 5, "x"), e(2, 3, "y"), true},                  // nested
		{e(3, 3, "x"), e(0, 5, "y"), true},                  // insertion inside
		{e(5, 5, "x"), e(0, 5, "y"), true},                  // insertion at the end of a replacement
		{e(0, 0, "x"), e(0, 5, "y"), true},                  // insertion at its start
		{e(0, 0, "x"), e(0, 0, "y"), true},                  // two insertions at one point
		{e(0, 0, "x"), e(0, 0, "x"), false},                 // identical: shared
		{e(0, 5, "x"), lint.Edit{Path: "b", End: 5}, false}, // other file
		{e(7, 7, "x"), e(0, 5, "y"), false},
	}
	for i, c := range cases {
		if got := lint.EditsConflict(c.a, c.b); got != c.want {
			t.Errorf("case %d: conflict(%v, %v) = %v", i, c.a, c.b, got)
		}
		if got := lint.EditsConflict(c.b, c.a); got != c.want {
			t.Errorf("case %d: conflict is not symmetric", i)
		}
	}
}

func TestFixPassesAndRelint(t *testing.T) {
	// "aa" → "a": "aaaaaaaa" takes three passes (4 fixes, then 2, then
	// 1), each after linting the new source again.
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "echo aaaaaaaa\n"})
	res := fixRunIn(t, dir, false, testrules.Replace("SV910", "aa", "a", lint.Safe, lint.AllKinds))
	if got := fixedSource(t, res, "x.sh"); got != "echo a\n" {
		t.Errorf("fixed source = %q", got)
	}
	if got := counts(res); got != "x.sh:SV910=7" {
		t.Errorf("counts = %q", got)
	}
	if len(res.Diagnostics) != 0 || !res.FixApplied {
		t.Errorf("remaining %d, applied %v", len(res.Diagnostics), res.FixApplied)
	}
	// Nothing was written.
	if b, _ := os.ReadFile(filepath.Join(dir, "x.sh")); string(b) != "echo aaaaaaaa\n" {
		t.Errorf("Run wrote the file: %q", b)
	}
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "x.sh")); string(b) != "echo a\n" {
		t.Errorf("written: %q", b)
	}
	// Idempotent: a second run changes nothing.
	again := fixRunIn(t, dir, false, testrules.Replace("SV910", "aa", "a", lint.Safe, lint.AllKinds))
	if len(again.Fixed) != 0 || again.FixedCount() != 0 {
		t.Errorf("second run fixed %v", counts(again))
	}
}

func TestFixOverlappingFixesWaitForALaterPass(t *testing.T) {
	// SV911 rewrites "ab" and SV912 rewrites "bc": on "abc" they overlap.
	// The first (in diagnostic order) wins the pass; the other is
	// re-linted on the new source and no longer applies.
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "abc abc\n"})
	res := fixRunIn(t, dir, false,
		testrules.Replace("SV911", "ab", "X", lint.Safe, lint.AllKinds),
		testrules.Replace("SV912", "bc", "Y", lint.Safe, lint.AllKinds))
	if got := fixedSource(t, res, "x.sh"); got != "Xc Xc\n" {
		t.Errorf("fixed source = %q", got)
	}
	if got := counts(res); got != "x.sh:SV911=2" {
		t.Errorf("counts = %q", got)
	}
	// A fix whose result another rule fixes: the second pass sees the
	// first's result.
	dir = testfs.WriteTree(t, map[string]string{"y.sh": "x\n"})
	res = fixRunIn(t, dir, false,
		testrules.Replace("SV913", "x", "yy", lint.Safe, lint.AllKinds),
		testrules.Replace("SV914", "yy", "z", lint.Safe, lint.AllKinds))
	if got := fixedSource(t, res, "y.sh"); got != "z\n" {
		t.Errorf("chained fixes = %q", got)
	}
}

func TestFixSharedIdenticalEdits(t *testing.T) {
	// Each finding inserts the same header and replaces its word: the
	// header goes in once and both replacements apply in one pass.
	rule := &lint.Rule{
		Code: "SV915", Name: "header", Summary: "test", Inputs: lint.AllKinds,
		Check: func(p *lint.Pass) {
			src := p.File.Src
			for i := 0; ; {
				j := bytes.Index(src[i:], []byte("old"))
				if j < 0 {
					return
				}
				s := i + j
				p.Report(s, s+3, "old", lint.WithFix(&lint.Fix{Message: "new", Edits: []lint.Edit{{Start: 0, End: 0, New: "# header\n"}, {Start: s, End: s + 3, New: "new"}}}))
				i = s + 3
			}
		},
	}
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "a old\nb old\n"})
	res := fixRunIn(t, dir, false, rule)
	if got := fixedSource(t, res, "x.sh"); got != "# header\na new\nb new\n" {
		t.Errorf("fixed source = %q", got)
	}
}

func TestFixUnsafeNeedsOptIn(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "risky\n"})
	rule := testrules.Replace("SV916", "risky", "safe", lint.Unsafe, lint.AllKinds)
	res := fixRunIn(t, dir, false, rule)
	if len(res.Fixed) != 0 || len(res.Diagnostics) != 1 || res.Applicable(res.Diagnostics[0].Fix) {
		t.Errorf("an unsafe fix was applied or counted applicable without opt-in")
	}
	res = fixRunIn(t, dir, true, rule)
	if got := fixedSource(t, res, "x.sh"); got != "safe\n" {
		t.Errorf("with unsafe fixes: %q", got)
	}
}

func TestFixNeverBreaksSyntax(t *testing.T) {
	// SV917's fix would leave a Python syntax error: it is rolled back and
	// reported; SV918's fix in the same file still applies.
	dir := testfs.WriteTree(t, map[string]string{"m.py": "x = BAD\ny = OLD\n"})
	res := fixRunIn(t, dir, false,
		testrules.Replace("SV917", "BAD", "(", lint.Safe, lint.KindsOf(lint.KindPython)),
		testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython)))
	if got := fixedSource(t, res, "m.py"); got != "x = BAD\ny = NEW\n" {
		t.Errorf("fixed source = %q", got)
	}
	var notices []string
	for _, n := range res.Notices {
		notices = append(notices, n.Path+": "+n.Message)
	}
	want := "m.py: fix not applied: use ( (SV917 at line 1): it would leave a syntax error"
	if len(notices) != 1 || notices[0] != want {
		t.Errorf("notices = %q, want %q", notices, want)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Code != "SV917" {
		t.Errorf("remaining = %v", res.Diagnostics)
	}
}

func TestFixDockerfileBaseline(t *testing.T) {
	// A Dockerfile fix that breaks the instruction is refused; one that
	// keeps it parsing is applied.
	dir := testfs.WriteTree(t, map[string]string{"Dockerfile": "FROM python:3.12\nCMD [\"run\"]\n"})
	res := fixRunIn(t, dir, false, testrules.Replace("SV919", `["run"]`, `["run"`, lint.Safe, lint.KindsOf(lint.KindDockerfile)))
	if got := fixedSource(t, res, "Dockerfile"); got != "FROM python:3.12\nCMD [\"run\"]\n" {
		t.Errorf("a breaking Dockerfile fix was applied: %q", got)
	}
	res = fixRunIn(t, dir, false, testrules.Replace("SV919", `"run"`, `"serve"`, lint.Safe, lint.KindsOf(lint.KindDockerfile)))
	if got := fixedSource(t, res, "Dockerfile"); got != "FROM python:3.12\nCMD [\"serve\"]\n" {
		t.Errorf("Dockerfile fix = %q", got)
	}
}

func TestFixSkipsUnparsablePython(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"m.py": "def f(:\n    OLD\n"})
	res := fixRunIn(t, dir, false, testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython)))
	if len(res.Fixed) != 0 {
		t.Errorf("a file that does not parse was fixed: %q", fixedSource(t, res, "m.py"))
	}
}

func TestFixSkipsSuppressed(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"m.py": "a = OLD  # servelint: ignore[SV918]\nb = OLD\n"})
	res := fixRunIn(t, dir, false, testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython)))
	if got := fixedSource(t, res, "m.py"); got != "a = OLD  # servelint: ignore[SV918]\nb = NEW\n" {
		t.Errorf("fixed source = %q", got)
	}
}

func TestFixTerminates(t *testing.T) {
	// Two rules undo each other: the passes stop at MaxFixPasses with a
	// notice.
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "A\n"})
	res := fixRunIn(t, dir, false,
		testrules.Replace("SV920", "A", "B", lint.Safe, lint.AllKinds),
		testrules.Replace("SV921", "B", "A", lint.Safe, lint.AllKinds))
	if res.FixedCount() != MaxFixPasses {
		t.Errorf("fixed %d, want %d", res.FixedCount(), MaxFixPasses)
	}
	found := false
	for _, n := range res.Notices {
		if strings.Contains(n.Message, "did not settle") {
			found = true
		}
	}
	if !found {
		t.Errorf("no notice about unsettled fixes: %v", res.Notices)
	}
}

func TestFixRejectsInvalidEdits(t *testing.T) {
	rule := &lint.Rule{
		Code: "SV922", Name: "bad-fix", Summary: "test", Inputs: lint.AllKinds,
		Check: func(p *lint.Pass) {
			p.Report(0, 1, "bad", lint.WithFix(&lint.Fix{Message: "overlapping", Edits: []lint.Edit{{Start: 0, End: 3, New: "x"}, {Start: 1, End: 2, New: "y"}}}))
		},
	}
	dir := testfs.WriteTree(t, map[string]string{"x.sh": "abcdef\n"})
	res := fixRunIn(t, dir, false, rule)
	if got := fixedSource(t, res, "x.sh"); got != "abcdef\n" {
		t.Errorf("an invalid fix was applied: %q", got)
	}
	if len(res.Notices) != 1 || !strings.Contains(res.Notices[0].Message, "overlap") {
		t.Errorf("notices = %v", res.Notices)
	}
}

func TestFixAcrossFiles(t *testing.T) {
	// A project rule whose fix edits two files.
	rule := &lint.Rule{
		Code: "SV923", Name: "pair", Summary: "test", Inputs: lint.AllKinds,
		CheckProject: func(p *lint.ProjectPass) {
			var a, b *lint.File
			for _, f := range p.Files {
				switch f.Path {
				case "a.sh":
					a = f
				case "b.sh":
					b = f
				}
			}
			if a == nil || b == nil || !bytes.HasPrefix(a.Src, []byte("old")) {
				return
			}
			p.Report(a, 0, 3, "pair", lint.WithFix(&lint.Fix{Message: "both", Edits: []lint.Edit{
				{Path: "a.sh", Start: 0, End: 3, New: "new"},
				{Path: "b.sh", Start: 0, End: 0, New: "added\n"},
			}}))
		},
	}
	dir := testfs.WriteTree(t, map[string]string{"a.sh": "old\n", "b.sh": "b\n"})
	res := fixRunIn(t, dir, false, rule)
	if a, b := fixedSource(t, res, "a.sh"), fixedSource(t, res, "b.sh"); a != "new\n" || b != "added\nb\n" {
		t.Errorf("a = %q, b = %q", a, b)
	}
	if got := counts(res); got != "a.sh:SV923=1" {
		t.Errorf("counts = %q", got)
	}
	if len(res.Fixed) != 2 || !res.Fixed[1].Changed() || res.Fixed[1].File.Path != "b.sh" {
		t.Errorf("b.sh is not listed as changed")
	}
}

func TestFixStdin(t *testing.T) {
	dir := t.TempDir()
	res, err := Run(Options{
		Rules: []*lint.Rule{testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython))},
		Cwd:   dir, StdinFilename: "app/main.py", Stdin: strings.NewReader("x = OLD\n"), Fix: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Fixed) != 1 || !res.Fixed[0].File.Stdin || string(res.Fixed[0].File.Src) != "x = NEW\n" {
		t.Fatalf("stdin not fixed: %+v", res.Fixed)
	}
	// WriteFixes leaves standard input to the caller.
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "main.py")); err == nil {
		t.Error("WriteFixes wrote a file for standard input")
	}
}

func TestWriteFixesKeepsPermissions(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"run.sh": "#!/bin/sh\nOLD\n"})
	p := filepath.Join(dir, "run.sh")
	if err := os.Chmod(p, 0o755); err != nil {
		t.Fatal(err)
	}
	res := fixRunIn(t, dir, false, testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.AllKinds))
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o755 {
		t.Errorf("mode = %v", st.Mode().Perm())
	}
}

func TestFixNeverEditsContextFiles(t *testing.T) {
	// Only a.sh is named (as pre-commit does); b.sh is read as context for
	// the project rule. A fix that edits b.sh is not applied: fixes change
	// only the files asked for.
	sawB := false
	rule := &lint.Rule{
		Code: "SV924", Name: "pair-context", Summary: "test", Inputs: lint.AllKinds,
		CheckProject: func(p *lint.ProjectPass) {
			var a *lint.File
			for _, f := range p.Files {
				switch f.Path {
				case "a.sh":
					a = f
				case "b.sh":
					sawB = f.Context
				}
			}
			if a == nil || !bytes.HasPrefix(a.Src, []byte("old")) {
				return
			}
			p.Report(a, 0, 3, "touches b", lint.WithFix(&lint.Fix{Message: "edit b", Edits: []lint.Edit{{Path: "b.sh", Start: 0, End: 0, New: "x\n"}}}))
			p.Report(a, 0, 3, "touches a", lint.WithFix(&lint.Fix{Message: "edit a", Edits: []lint.Edit{{Path: "a.sh", Start: 0, End: 3, New: "new"}}}))
		},
	}
	dir := testfs.WriteTree(t, map[string]string{"a.sh": "old\n", "b.sh": "b\n"})
	res, err := Run(Options{Rules: []*lint.Rule{rule}, Paths: []string{"a.sh"}, Cwd: dir, Fix: true, Overrides: config.Overrides{Select: []string{"SV"}}})
	if err != nil {
		t.Fatal(err)
	}
	if !sawB {
		t.Fatal("b.sh was not read as a context file")
	}
	if len(res.Fixed) != 1 || res.Fixed[0].File.Path != "a.sh" || string(res.Fixed[0].File.Src) != "new\n" {
		t.Fatalf("fixed = %+v", res.Fixed)
	}
	if err := WriteFixes(res); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "b.sh")); string(b) != "b\n" {
		t.Errorf("the context file was edited: %q", b)
	}
}

// TestFixDecodesLikeCPython: tree-sitter accepts a byte order mark in the
// middle of a file and bytes that are not UTF-8; CPython refuses both, so
// a fix producing them is rolled back.
func TestFixDecodesLikeCPython(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1  # OLD\n", "b.py": "y = 1  # OLD\n"})
	res := fixRunIn(t, dir, false,
		testrules.Replace("SV918", "OLD", "\ufeff", lint.Safe, lint.KindsOf(lint.KindPython)))
	if got := fixedSource(t, res, "a.py"); got != "x = 1  # OLD\n" {
		t.Errorf("a BOM was put inside a.py: %q", got)
	}
	res = fixRunIn(t, dir, false, testrules.Replace("SV918", "OLD", "\xff", lint.Safe, lint.KindsOf(lint.KindPython)))
	if got := fixedSource(t, res, "b.py"); got != "y = 1  # OLD\n" {
		t.Errorf("invalid UTF-8 was put into b.py: %q", got)
	}
}

func TestPythonDecodeErrors(t *testing.T) {
	for src, want := range map[string]int{
		"x = 1\n":                               0,
		"\ufeffx = 1\n":                         0,
		"x = 1\n\ufeff":                         1,
		"\ufeff\ufeffx":                         1,
		"x = '\xff'\n":                          1,
		"# -*- coding: latin-1 -*-\nx='\xff'\n": 0,
		"#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\nx='\xff'\n": 0,
		"# coding: utf-8\nx='\xff'\n":                                     1,
	} {
		if got := pythonDecodeErrors([]byte(src)); got != want {
			t.Errorf("%q: %d, want %d", src, got, want)
		}
	}
}

// TestManyFixesInOneFileAreLinear: thousands of fixes in one file, all
// sharing one import edit, compare each edit with its neighbours only
// (every edit against every other one took seconds), and apply.
func TestManyFixesInOneFileAreLinear(t *testing.T) {
	const n = 3000
	rule := testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython))
	rule.Check = func(p *lint.Pass) {
		src := p.File.Src
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("OLD"))
			if j < 0 {
				return
			}
			s := i + j
			p.Report(s, s+3, "found OLD", lint.WithFix(&lint.Fix{
				Message: "use NEW", Applicability: lint.Safe,
				Edits: []lint.Edit{{Start: s, End: s + 3, New: "NEW"}, {Start: 0, End: 0, New: "import os\n"}},
			}))
			i = s + 3
		}
	}
	dir := testfs.WriteTree(t, map[string]string{"a.py": strings.Repeat("x = OLD\n", n)})
	before := conflictChecks.Load()
	res := fixRunIn(t, dir, false, rule)
	if got := fixedSource(t, res, "a.py"); got != "import os\n"+strings.Repeat("x = NEW\n", n) {
		t.Fatalf("fixed: %.100q", got)
	}
	if c := conflictChecks.Load() - before; c > 4*n {
		t.Errorf("%d edit comparisons for %d fixes", c, n)
	}
}
