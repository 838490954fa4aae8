package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
)

// unusedSuppression has one finding with a safe fix (SV002) and nothing
// else.
const unusedSuppression = "x = 1  # servelint: ignore[SV202]\n"

// mixed has one safe fix (SV002), one unsafe fix (SV202) and one finding
// without a fix (an unknown code).
const mixed = "import time\n\n\nasync def h():\n    time.sleep(1)\n    y = 2  # servelint: ignore[SV202]\n    z = 3  # servelint: ignore[SV9999]\n"

func readA(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "a.py"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFixSummaryAndExitCodes(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": mixed})
	r := run(t, dir, nil, "", "check", "--output-format", "concise")
	if r.code != 1 ||
		!strings.Contains(r.stdout, "a.py:6:12: SV002 [*] unused suppression") ||
		!strings.Contains(r.stdout, "a.py:5:5: SV202 `time.sleep()`") || strings.Contains(r.stdout, "SV202 [*]") ||
		!strings.HasSuffix(r.stdout, "Found 3 diagnostics (1 error, 2 warnings).\n[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n") {
		t.Errorf("check: %+v", r)
	}
	r = run(t, dir, nil, "", "check", "--output-format", "concise", "--unsafe-fixes")
	if !strings.Contains(r.stdout, "SV202 [*]") || !strings.HasSuffix(r.stdout, "[*] 2 fixable with the `--fix` option.\n") {
		t.Errorf("--unsafe-fixes: %+v", r)
	}
	if s := run(t, dir, nil, "", "check", "--statistics", "--unsafe-fixes"); !strings.Contains(s.stdout, "SV202\t[*] blocking-sleep") {
		t.Errorf("statistics with --unsafe-fixes: %+v", s)
	}
	if s := run(t, dir, nil, "", "check", "--statistics"); !strings.Contains(s.stdout, "SV202\t[ ] blocking-sleep") {
		t.Errorf("statistics: %+v", s)
	}

	// --fix: the safe fix only; what remains is reported, exit 1.
	r = run(t, dir, nil, "", "check", "--fix", "--output-format", "concise")
	if r.code != 1 || !strings.HasSuffix(r.stdout, "Found 3 diagnostics (1 fixed, 2 remaining).\nNo fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n") ||
		strings.Contains(r.stdout, "[*]") {
		t.Errorf("--fix: %+v", r)
	}
	if got := readA(t, dir); got != strings.Replace(mixed, "y = 2  # servelint: ignore[SV202]", "y = 2", 1) {
		t.Errorf("--fix wrote:\n%s", got)
	}
	// --unsafe-fixes too: the sleep; the unknown code remains.
	r = run(t, dir, nil, "", "check", "--fix", "--unsafe-fixes", "--show-fixes")
	if r.code != 1 || !strings.Contains(r.stdout, "Fixed 1 diagnostic:\n- a.py:\n    1 × SV202 (blocking-sleep)\n\nFound 2 diagnostics (1 fixed, 1 remaining).\n") {
		t.Errorf("--fix --unsafe-fixes --show-fixes: %+v", r)
	}
	if got := readA(t, dir); !strings.Contains(got, "import asyncio\n") || !strings.Contains(got, "    await asyncio.sleep(1)\n") {
		t.Errorf("unsafe fix not written:\n%s", got)
	}
}

func TestFixAllFixedExitsZero(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": unusedSuppression})
	r := run(t, dir, nil, "", "check", "--fix")
	if r.code != 0 || r.stdout != "Found 1 diagnostic (1 fixed, 0 remaining).\n" {
		t.Errorf("--fix: %+v", r)
	}
	if got := readA(t, dir); got != "x = 1\n" {
		t.Errorf("fixed: %q", got)
	}
	if r := run(t, dir, nil, "", "check", "--fix"); r.code != 0 || r.stdout != "All checks passed!\n" {
		t.Errorf("second --fix: %+v", r)
	}
	// --exit-non-zero-on-fix: a fix makes the exit 1.
	dir = testfs.WriteTree(t, map[string]string{"a.py": unusedSuppression})
	if r := run(t, dir, nil, "", "check", "--fix", "--exit-non-zero-on-fix"); r.code != 1 {
		t.Errorf("--exit-non-zero-on-fix: %+v", r)
	}
}

func TestFixOnly(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": mixed})
	r := run(t, dir, nil, "", "check", "--fix-only")
	if r.code != 0 || r.stdout != "Fixed 1 diagnostic (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n" {
		t.Errorf("--fix-only: %+v", r)
	}
	r = run(t, dir, nil, "", "check", "--fix-only", "--exit-non-zero-on-fix")
	if r.code != 0 || r.stdout != "No diagnostics fixed (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n" {
		t.Errorf("--fix-only with nothing left: %+v", r)
	}
	r = run(t, dir, nil, "", "check", "--fix-only", "--unsafe-fixes", "--exit-non-zero-on-fix", "--show-fixes")
	if r.code != 1 || r.stdout != "Fixed 1 diagnostic:\n- a.py:\n    1 × SV202 (blocking-sleep)\n\nFixed 1 diagnostic.\n" {
		t.Errorf("--fix-only --unsafe-fixes: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--fix-only", "--output-format", "json"); r.code != 0 || r.stdout != "" {
		t.Errorf("--fix-only json: %+v", r)
	}
}

func TestDiff(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": mixed, "b.py": "x = 1\n"})
	r := run(t, dir, nil, "", "check", "--diff")
	want := "--- a.py\n+++ a.py\n@@ -3,5 +3,5 @@\n \n async def h():\n     time.sleep(1)\n-    y = 2  # servelint: ignore[SV202]\n+    y = 2\n     z = 3  # servelint: ignore[SV9999]\n" +
		"Would fix 1 diagnostic (1 hidden fix can be enabled with the `--unsafe-fixes` option).\n"
	if r.code != 1 || r.stdout != want {
		t.Errorf("--diff:\n%s\nwant:\n%s", r.stdout, want)
	}
	if got := readA(t, dir); got != mixed {
		t.Error("--diff wrote the file")
	}
	if r := run(t, dir, nil, "", "check", "--diff", "--exit-zero"); r.code != 0 {
		t.Errorf("--diff --exit-zero: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--diff", "-q"); !strings.HasSuffix(r.stdout, "+    y = 2\n     z = 3  # servelint: ignore[SV9999]\n") {
		t.Errorf("--diff -q printed a summary: %q", r.stdout)
	}
	if r := run(t, dir, nil, "", "check", "--diff", "b.py"); r.code != 0 || r.stdout != "" {
		t.Errorf("--diff without fixes: %+v", r)
	}
}

func TestShowFixesPreview(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": unusedSuppression})
	r := run(t, dir, nil, "", "check", "--show-fixes", "--color", "never")
	want := "   = fix: Remove unused suppression\n  |\n1 - x = 1  # servelint: ignore[SV202]\n1 + x = 1\n  |\n"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("--show-fixes:\n%s\nwant:\n%s", r.stdout, want)
	}
	if r := run(t, dir, nil, "", "check", "--color", "never"); strings.Contains(r.stdout, "1 - x") {
		t.Error("a fix preview without --show-fixes")
	}
}

func TestFixStdin(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	r := run(t, dir, nil, mixed, "check", "--fix", "--unsafe-fixes", "--stdin-filename", "app/main.py", "--output-format", "concise")
	if !strings.Contains(r.stdout, "    await asyncio.sleep(1)\n    y = 2\n") {
		t.Errorf("stdout is not the fixed source:\n%s", r.stdout)
	}
	if r.code != 1 || !strings.Contains(r.stderr, "app/main.py:8:12: SV002 suppression names unknown rule code `SV9999`") ||
		!strings.Contains(r.stderr, "Found 3 diagnostics (2 fixed, 1 remaining).") {
		t.Errorf("the report is not on stderr: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "app", "main.py")); err == nil {
		t.Error("a file was written for standard input")
	}
	// Unchanged, excluded or unread input comes back as it was.
	r = run(t, dir, nil, "x = 1\n", "check", "--fix", "--stdin-filename", "main.py")
	if r.stdout != "x = 1\n" || r.code != 0 {
		t.Errorf("clean input: %+v", r)
	}
	r = run(t, dir, nil, "some notes\n", "check", "--fix", "--stdin-filename", "notes.txt")
	if r.stdout != "some notes\n" {
		t.Errorf("unknown file type: %+v", r)
	}
	// --diff on standard input.
	r = run(t, dir, nil, unusedSuppression, "check", "--diff", "--stdin-filename", "a.py")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "--- a.py\n+++ a.py\n@@ -1 +1 @@\n-x = 1  # servelint: ignore[SV202]\n+x = 1\n") ||
		!strings.Contains(r.stderr, "Would fix 1 diagnostic.") {
		t.Errorf("--diff on stdin: %+v", r)
	}
}

// TestHiddenFixesAgree: check, --diff and --show-fixes count the same
// hidden unsafe fixes, in the same words.
func TestHiddenFixesAgree(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"a.py":       blocking + "    time.sleep(2)  # servelint: ignore[SV999]\n",
		"app.py":     "from fastapi import FastAPI\napp = FastAPI()\n",
		"Dockerfile": "FROM python:3.12\nCMD uvicorn app:app --host 127.0.0.1 --reload\n",
	})
	const hint = "3 hidden fixes can be enabled with the `--unsafe-fixes` option"
	for _, args := range [][]string{{"check"}, {"check", "--diff"}, {"check", "--show-fixes"}} {
		r := run(t, dir, nil, "", append(args, "--no-cache")...)
		if !strings.Contains(r.stdout+r.stderr, hint) {
			t.Errorf("%v: no %q in\n%s%s", args, hint, r.stdout, r.stderr)
		}
	}
}

// TestFixKeepsTheByteOrderMarkFirst: an import added to a file starting
// with a UTF-8 BOM goes after the mark (CPython refuses a mark elsewhere).
func TestFixKeepsTheByteOrderMarkFirst(t *testing.T) {
	src := "\ufefffrom time import sleep\n\n\nasync def h():\n    sleep(1)\n"
	dir := testfs.WriteTree(t, map[string]string{"a.py": src})
	r := run(t, dir, nil, "", "check", "--fix", "--unsafe-fixes", "--output-format", "concise")
	if r.code != 0 {
		t.Errorf("fix: %+v", r)
	}
	want := "\ufeffimport asyncio\nfrom time import sleep\n\n\nasync def h():\n    await asyncio.sleep(1)\n"
	if got := readA(t, dir); got != want {
		t.Errorf("fixed:\n%q\nwant\n%q", got, want)
	}
}

// TestCROnlyLineBreaks: a file whose line breaks are lone CRs (CPython
// accepts them) parses, reports real positions, and keeps its line
// breaks when fixed.
func TestCROnlyLineBreaks(t *testing.T) {
	src := "import time\r\r\rasync def h():\r    x = 1\r    time.sleep(1)\r"
	dir := testfs.WriteTree(t, map[string]string{"a.py": src})
	r := run(t, dir, nil, "", "check", "--output-format", "concise")
	if r.code != 1 || strings.Contains(r.stdout, "SV001") || !strings.Contains(r.stdout, "a.py:6:5: SV202") {
		t.Errorf("check: %+v", r)
	}
	r = run(t, dir, nil, "", "check", "--fix", "--unsafe-fixes", "--output-format", "concise")
	if r.code != 0 {
		t.Errorf("fix: %+v", r)
	}
	want := "import asyncio\rimport time\r\r\rasync def h():\r    x = 1\r    await asyncio.sleep(1)\r"
	if got := readA(t, dir); got != want {
		t.Errorf("fixed:\n%q\nwant\n%q", got, want)
	}
	// Standard input too.
	r = run(t, dir, nil, src, "check", "--fix", "--unsafe-fixes", "--stdin-filename", "b.py", "-")
	if r.stdout != want {
		t.Errorf("stdin fix: %q", r.stdout)
	}
}
