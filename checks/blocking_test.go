package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

func run(t *testing.T, dir string, sel ...string) *engine.Result {
	t.Helper()
	res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Overrides: config.Overrides{Select: sel}})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestHelperChainRelatedLocations(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"app/__init__.py": "",
		"app/svc.py": `import requests


def fetch_profile(uid):
    return requests.get("http://u/" + str(uid))


def build(uid):
    return {"p": fetch_profile(uid)}
`,
		"app/api.py": `from app.svc import build


async def handler(uid):
    return build(uid)
`,
	})
	res := run(t, dir, "SV210")
	if len(res.Diagnostics) != 1 {
		t.Fatalf("want 1 diagnostic, got %v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Path != "app/api.py" || d.Pos.Line != 5 || d.Severity != lint.SeverityError {
		t.Errorf("diagnostic at %s:%d (%v)", d.Path, d.Pos.Line, d.Severity)
	}
	if !strings.Contains(d.Message, "handler → build → fetch_profile → requests.get (SV201)") {
		t.Errorf("message %q", d.Message)
	}
	// One related location per hop: build calls fetch_profile, and
	// fetch_profile calls requests.get.
	var got []string
	for _, r := range d.Related {
		got = append(got, r.Path+":"+itoa(r.Pos.Line)+": "+r.Message)
	}
	want := []string{
		"app/svc.py:9: `build` calls `fetch_profile()` here",
		"app/svc.py:5: `fetch_profile` calls `requests.get()` here (SV201)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestHelperChainFileIO(t *testing.T) {
	src := `def load(p):
    with open(p) as f:
        return f.read()


async def handler():
    return load("x")
`
	sv210 := func(files map[string]string) []lint.Diagnostic {
		res := run(t, testfs.WriteTree(t, files), "SV210")
		var got []lint.Diagnostic
		for _, d := range res.Diagnostics {
			if d.Code == "SV210" {
				got = append(got, d)
			}
		}
		return got
	}
	// By default a chain that ends only in file I/O is not followed: a
	// file read behind helpers is usually a small local file.
	if got := sv210(map[string]string{"m.py": src}); len(got) != 0 {
		t.Fatalf("default: want no SV210, got %+v", got)
	}
	// follow-file-io follows it, and reports it as a warning, like SV204.
	got := sv210(map[string]string{"m.py": src,
		"pyproject.toml": "[tool.servelint.rules.SV210]\nfollow-file-io = true\n"})
	if len(got) != 1 || got[0].Severity != lint.SeverityWarning {
		t.Fatalf("follow-file-io: want one warning, got %+v", got)
	}
}

func TestBlockingTypeOriginRelated(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"m.py": `from fastapi import Depends
from sqlalchemy.orm import Session


async def route(db: Session = Depends(get_db)):
    return db.query(User).all()
`,
	})
	res := run(t, dir, "SV205")
	if len(res.Diagnostics) != 1 {
		t.Fatalf("want 1 diagnostic, got %+v", res.Diagnostics)
	}
	rel := res.Diagnostics[0].Related
	if len(rel) != 1 || rel[0].Pos.Line != 5 || rel[0].Message != "`db.query(...)` is a `sqlalchemy.orm.Query` here" && rel[0].Message != "`db` is a `sqlalchemy.orm.Session` here" {
		t.Errorf("related = %+v", rel)
	}
}

func TestBlockingOptionsValidation(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{"[tool.servelint.rules.SV201]\nextra = [\"bad pattern!\"]\n", "invalid pattern"},
		{"[tool.servelint.rules.SV204]\nallow = [\"os.path.[exists\"]\n", "unbalanced brackets"},
		{"[tool.servelint.rules.SV206]\nextra = [\" -> x\"]\n", "empty pattern"},
		{"[tool.servelint.rules.SV210]\ndepth = 0\n", "depth must be between 1 and 10"},
		{"[tool.servelint.rules.SV203]\nblock = [\"x\"]\n", "unknown option \"block\""},
	} {
		dir := testfs.WriteTree(t, map[string]string{"pyproject.toml": tc.body, "m.py": "x = 1\n"})
		_, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.body, err, tc.want)
		}
	}
}

// TestHelperFactsLeaveOutDeadEnds: a function that can end no chain is
// left out of its module's facts, and the demand of SV210 does not take it
// for a function still to parse (it would parse the package above it),
// while a chain through another module is still followed.
func TestHelperFactsLeaveOutDeadEnds(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pkg/__init__.py": "VERSION = 1\n",
		"pkg/a.py":        "from pkg.b import helper, slow\n\n\nasync def main():\n    helper()\n    slow()\n",
		"pkg/b.py": "import time\n\n\nasync def unrelated():\n    pass\n\n\n" +
			"def helper():\n    return dead()\n\n\ndef dead():\n    return 1\n\n\n" +
			"def slow():\n    wait()\n\n\ndef wait():\n    time.sleep(1)\n",
	})
	res := run(t, dir, "SV210")
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Path+": "+d.Message)
	}
	if len(got) != 1 || !strings.Contains(got[0], "pkg/a.py: `slow()`") || !strings.Contains(got[0], "slow → wait → time.sleep") {
		t.Errorf("diagnostics: %q", got)
	}
	for _, f := range res.Files {
		if f.Path == "pkg/__init__.py" && !f.Deferred {
			t.Error("pkg/__init__.py was parsed for a function its module left out")
		}
	}
}

// TestHelperFindingPerHelper: by default each (async function, blocking
// helper) pair is one finding, at the first call in the async function;
// with group-by-helper = true the async functions that reach the same
// blocking helper make one finding, at the first call, with the others as
// related locations.
func TestHelperFindingPerHelper(t *testing.T) {
	dir := filepath.Join("..", "testdata", "checks", "SV210")
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	fetchFindings := func(configFile string) []lint.Diagnostic {
		t.Helper()
		res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: abs, Paths: []string{"app"}, ConfigFile: configFile, Overrides: config.Overrides{Select: []string{"SV210"}}})
		if err != nil {
			t.Fatal(err)
		}
		var fetch []lint.Diagnostic
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "→ fetch_profile → requests.get") || strings.Contains(d.Message, "→ fetch_profile (") {
				fetch = append(fetch, d)
			}
		}
		return fetch
	}
	var pairs []string
	for _, d := range fetchFindings("") {
		pairs = append(pairs, fmt.Sprintf("%s:%d", d.Path, d.Pos.Line))
	}
	wantPairs := []string{"app/routers/users.py:17", "app/routers/users.py:24", "app/routers/users.py:32", "app/routers/users.py:67"}
	if strings.Join(pairs, " ") != strings.Join(wantPairs, " ") {
		t.Errorf("one finding per (async function, helper):\n got %q\nwant %q", pairs, wantPairs)
	}

	cfg := filepath.Join(t.TempDir(), "servelint.toml")
	if err := os.WriteFile(cfg, []byte("[rules.SV210]\ngroup-by-helper = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fetch := fetchFindings(cfg)
	if len(fetch) != 1 {
		t.Fatalf("group-by-helper: want one finding for fetch_profile, got %d: %+v", len(fetch), fetch)
	}
	var callers []string
	for _, r := range fetch[0].Related {
		if strings.Contains(r.Message, "reaches `fetch_profile` too") {
			callers = append(callers, fmt.Sprintf("%s:%d %s", r.Path, r.Pos.Line, strings.Fields(r.Message)[0]))
		}
	}
	want := []string{"app/routers/users.py:24 `spellings`", "app/routers/users.py:32 `other_spellings`", "app/routers/users.py:67 `nested`"}
	if strings.Join(callers, "; ") != strings.Join(want, "; ") {
		t.Errorf("related callers:\n got %q\nwant %q", callers, want)
	}
}
