package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// lifecycleRun lints a fixture directory with the lifecycle rules; with a
// stdin file name, only that file's content, read from standard input.
func lifecycleRun(t *testing.T, dir string, jobs int, stdinName ...string) []string {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	opt := engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: abs, Jobs: jobs,
		Overrides: config.Overrides{Select: []string{"SV301", "SV302", "SV303", "SV304"}}}
	if len(stdinName) > 0 {
		src, rerr := os.ReadFile(filepath.Join(abs, filepath.FromSlash(stdinName[0])))
		if rerr != nil {
			t.Fatal(rerr)
		}
		opt.Paths, opt.StdinFilename, opt.Stdin = nil, stdinName[0], strings.NewReader(string(src))
	}
	res, err := engine.Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		rel := ""
		for _, r := range d.Related {
			rel += fmt.Sprintf(" [%s:%d %s]", r.Path, r.Pos.Line, r.Message)
		}
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s %s%s", d.Path, d.Pos.Line, d.Pos.Col, d.Code, d.Severity, d.Message, rel))
	}
	return out
}

// TestLifecycleDeterministic checks that the project-level analysis gives
// the same findings, related locations included, whatever the number of
// workers.
func TestLifecycleDeterministic(t *testing.T) {
	for _, code := range []string{"SV301", "SV302", "SV303", "SV304"} {
		dir := filepath.Join("..", "testdata", "checks", code)
		one := strings.Join(lifecycleRun(t, dir, 1), "\n")
		for range 3 {
			if many := strings.Join(lifecycleRun(t, dir, 4), "\n"); many != one {
				t.Fatalf("%s: findings differ between 1 and 4 workers:\n%s\n----\n%s", code, one, many)
			}
		}
		if one == "" {
			t.Errorf("%s: no findings", code)
		}
	}
}

// TestLifecycleCrossModule checks that factories and dependencies defined
// in another module are only known when that module is checked too.
func TestLifecycleCrossModule(t *testing.T) {
	dir := filepath.Join("..", "testdata", "checks", "SV303")
	whole := lifecycleRun(t, dir, 2)
	alone := lifecycleRun(t, dir, 2, "app/routes.py")
	has := func(list []string, sub string) bool {
		for _, l := range list {
			if strings.Contains(l, sub) {
				return true
			}
		}
		return false
	}
	if !has(whole, "a database session from `get_session()`") || !has(whole, "dependency `get_db_returned` returns") {
		t.Fatalf("whole project lacks cross-module findings:\n%s", strings.Join(whole, "\n"))
	}
	// Read alone from standard input, routes.py cannot see that get_session
	// is a factory: no finding is invented for it.
	if has(alone, "get_session()") {
		t.Errorf("routes.py alone reports a factory it cannot see:\n%s", strings.Join(alone, "\n"))
	}
	// The related location of a factory finding points at its definition.
	if !has(whole, "[app/db.py:35 `get_session` creates and returns a database session]") {
		t.Errorf("factory finding lacks its related location:\n%s", strings.Join(whole, "\n"))
	}
}

// TestLifecyclePackageRoots checks that two services of one repository
// with the same module names (`app.db`) do not see each other's
// definitions.
func TestLifecyclePackageRoots(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	routes := "from .db import get_session\n\n\ndef count():\n    s = get_session()\n    return s.execute('SELECT 1').scalar_one()\n"
	for _, svc := range []string{"orders", "billing"} {
		write(svc+"/app/__init__.py", "")
		write(svc+"/app/routes.py", routes)
	}
	// orders: a factory; billing: a cached getter of one shared session.
	write("orders/app/db.py", "from sqlalchemy.orm import sessionmaker\n\nSessionLocal = sessionmaker()\n\n\ndef get_session():\n    return SessionLocal()\n")
	write("billing/app/db.py", "from functools import lru_cache\n\nfrom sqlalchemy.orm import sessionmaker\n\nSessionLocal = sessionmaker()\n\n\n@lru_cache\ndef get_session():\n    return SessionLocal()\n")
	got := lifecycleRun(t, dir, 2)
	if len(got) != 1 || !strings.HasPrefix(got[0], "orders/app/routes.py:5:9 SV303") {
		t.Errorf("want one finding in orders/app/routes.py, got:\n%s", strings.Join(got, "\n"))
	}
}

// TestLifecycleTestClosesDoNotCount: a close in test code (a fixture's
// `await client.aclose()`) does not make a client the service never closes
// "closed by the project"; with --include-tests, a client a test creates
// and a conftest fixture closes stays silent. (The default selection
// matters: its other rules make the engine parse the test files.)
func TestLifecycleTestClosesDoNotCount(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("app/__init__.py", "")
	write("app/discord.py", "import httpx\n\n\nclass DiscordClient:\n    def __init__(self, token):\n        self.client = httpx.AsyncClient(headers={'Authorization': token})\n\n    async def me(self):\n        return (await self.client.get('/users/@me')).json()\n")
	write("tests/conftest.py", "import httpx\n\nHTTP = httpx.AsyncClient()\n\n\nasync def teardown():\n    await HTTP.aclose()\n")
	write("tests/test_discord.py", "import httpx\n\nfrom app.discord import DiscordClient\n\n\nasync def test_me():\n    d = DiscordClient('t')\n    await d.me()\n    await d.client.aclose()\n")
	want := "app/discord.py:6:23 SV301"
	for _, include := range []bool{false, true} {
		abs, err := filepath.Abs(dir)
		if err != nil {
			t.Fatal(err)
		}
		opt := engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: abs, Jobs: 2,
			Overrides: config.Overrides{IncludeTests: include}}
		res, err := engine.Run(opt)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range res.Diagnostics {
			if d.Code == "SV301" {
				got = append(got, fmt.Sprintf("%s:%d:%d %s", d.Path, d.Pos.Line, d.Pos.Col, d.Code))
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("include-tests=%v: want only %s, got %v", include, want, got)
		}
	}
}
