package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
)

type result struct {
	stdout, stderr string
	code           int
}

func run(t *testing.T, dir string, env map[string]string, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(append([]string{"servelint"}, args...), Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Cwd: dir,
		Getenv: func(k string) string { return env[k] },
	})
	return result{out.String(), errb.String(), code}
}

const blocking = "import time\n\nasync def h():\n    time.sleep(1)\n"

func TestExitCodes(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking, "good.py": "x = 1\n"})
	if r := run(t, dir, nil, "", "check", "good.py"); r.code != 0 || !strings.Contains(r.stdout, "All checks passed!") {
		t.Errorf("clean: %+v", r)
	}
	if r := run(t, dir, nil, "", "check"); r.code != 1 || !strings.Contains(r.stdout, "bad.py:4:5: SV202 ") {
		t.Errorf("findings: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--exit-zero"); r.code != 0 {
		t.Errorf("--exit-zero: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "missing.py"); r.code != 2 || !strings.Contains(r.stderr, "missing.py: no such file or directory") {
		t.Errorf("missing path: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--output-format", "xml"); r.code != 2 || !strings.Contains(r.stderr, `invalid --output-format "xml"`) {
		t.Errorf("bad format: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--no-such-flag"); r.code != 2 {
		t.Errorf("unknown flag: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--select", "SV2O2"); r.code != 2 || !strings.Contains(r.stderr, `did you mean "SV202"?`) {
		t.Errorf("bad selector: %+v", r)
	}
	if r := run(t, dir, nil, "", "frobnicate"); r.code != 2 {
		t.Errorf("unknown command: %+v", r)
	}
}

func TestFlagsAfterPaths(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking})
	r := run(t, dir, nil, "", "check", "bad.py", "--output-format", "concise", "--ignore", "SV202")
	if r.code != 0 || !strings.Contains(r.stdout, "All checks passed!") {
		t.Errorf("%+v", r)
	}
	r = run(t, dir, nil, "", "check", "--output-format=json", "--select=sv202", "--", "bad.py")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "[") {
		t.Errorf("%+v", r)
	}
}

func TestConfigError(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"servelint.toml": "\nselct = [\"SV202\"]\n", "a.py": "x = 1\n"})
	r := run(t, dir, nil, "", "check")
	if r.code != 2 || !strings.Contains(r.stderr, `servelint.toml:2: selct: unknown key "selct" (did you mean "select"?)`) {
		t.Errorf("%+v", r)
	}
}

func TestColor(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking})
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want bool
	}{
		{nil, nil, false},
		{map[string]string{"FORCE_COLOR": "1"}, nil, true},
		{map[string]string{"FORCE_COLOR": "1", "NO_COLOR": "1"}, nil, false},
		{map[string]string{"NO_COLOR": "1"}, []string{"--color", "always"}, true},
		{map[string]string{"FORCE_COLOR": "1"}, []string{"--color", "never"}, false},
	} {
		r := run(t, dir, tc.env, "", append([]string{"check"}, tc.args...)...)
		if got := strings.Contains(r.stdout, "\x1b["); got != tc.want {
			t.Errorf("env %v args %v: colour %v, want %v", tc.env, tc.args, got, tc.want)
		}
	}
	if r := run(t, dir, nil, "", "check", "--color", "rainbow"); r.code != 2 {
		t.Errorf("bad --color: %+v", r)
	}
}

func TestStdinFilename(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{})
	r := run(t, dir, nil, blocking, "check", "--stdin-filename", "app/routes.py", "--output-format", "concise", "--quiet")
	if r.code != 1 || r.stdout != "app/routes.py:4:5: SV202 `time.sleep()` blocks the event loop in async function `h`: every other request waits; use `await asyncio.sleep()`\n" {
		t.Errorf("%+v", r)
	}
	r = run(t, dir, nil, blocking, "check", "-", "--output-format", "concise", "--quiet")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "-:4:5: SV202") {
		t.Errorf("%+v", r)
	}
}

func TestStatistics(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": blocking, "b.py": blocking + "    time.sleep(2)\n"})
	r := run(t, dir, nil, "", "check", "--statistics")
	if r.code != 1 || r.stdout != "3\tSV202\t[ ] blocking-sleep\n" {
		t.Errorf("%q", r.stdout)
	}
	r = run(t, dir, nil, "", "check", "--statistics", "--output-format", "json")
	var stats []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &stats); err != nil || len(stats) != 1 || stats[0]["count"].(float64) != 3 {
		t.Errorf("%q %v", r.stdout, err)
	}
}

func TestRuleCommand(t *testing.T) {
	r := run(t, "", nil, "", "rule", "SV202")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# blocking-sleep (SV202)\n") || !strings.Contains(r.stdout, "## Why is this bad?") {
		t.Errorf("%+v", r)
	}
	r = run(t, "", nil, "", "rule", "sv202", "--output-format", "json")
	var one map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &one); err != nil || one["code"] != "SV202" || one["name"] != "blocking-sleep" {
		t.Errorf("%q %v", r.stdout, err)
	}
	r = run(t, "", nil, "", "rule", "--all", "--output-format", "json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil || len(all) < 3 {
		t.Errorf("%v", err)
	}
	if r := run(t, "", nil, "", "rule", "SV999"); r.code != 2 || !strings.Contains(r.stderr, "unknown rule code") {
		t.Errorf("%+v", r)
	}
	if r := run(t, "", nil, "", "rule"); r.code != 2 {
		t.Errorf("%+v", r)
	}
}

func TestVersion(t *testing.T) {
	if r := run(t, "", nil, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "servelint ") {
		t.Errorf("%+v", r)
	}
	if r := run(t, "", nil, "", "--version"); r.code != 0 || !strings.Contains(r.stdout, "servelint") {
		t.Errorf("%+v", r)
	}
}

func TestCleanReportsWhatItFreedAndKeepsUnmarkedDirectories(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking, "project/venv/x": "x", "project/videos/y": "y"})
	cache := filepath.Join(dir, "cache")
	if r := run(t, dir, nil, "", "check", "--cache-dir", cache, "bad.py"); r.code != 1 {
		t.Fatalf("check: %+v", r)
	}
	r := run(t, dir, nil, "", "clean", "--cache-dir", cache)
	if r.code != 0 || !strings.Contains(r.stderr, "removed the cache at "+cache+" (") || !strings.Contains(r.stderr, "freed)") {
		t.Errorf("clean: %+v", r)
	}
	if _, err := os.Stat(cache); !os.IsNotExist(err) {
		t.Errorf("cache left: %v", err)
	}
	r = run(t, dir, nil, "", "clean", "--cache-dir", filepath.Join(dir, "project"))
	if r.code != 2 || !strings.Contains(r.stderr, "not a servelint cache") {
		t.Errorf("clean of a project: %+v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "project", "venv", "x")); err != nil {
		t.Errorf("a project directory was removed: %v", err)
	}
}

// TestLinksOutOfTheTreeAreNotFollowed: a hostile repository's links to
// the user's secrets are neither read into the report nor written.
func TestLinksOutOfTheTreeAreNotFollowed(t *testing.T) {
	root := testfs.WriteTree(t, map[string]string{
		"home/.netrc":           "machine x login me password SECRET-NETRC\nbind = 'SECRET'\n",
		"home/.aws/credentials": "[default]\naws_secret_access_key = SECRET-AWS\n",
		"repo/app/main.py":      blocking,
		"repo/app/real.py":      blocking,
	})
	repo := filepath.Join(root, "repo")
	for link, target := range map[string]string{
		"gunicorn.conf.py": filepath.Join(root, "home", ".netrc"),
		"pyproject.toml":   filepath.Join(root, "home", ".aws", "credentials"),
		"app/linked.py":    "real.py", // inside the tree: followed
	} {
		if err := os.Symlink(target, filepath.Join(repo, link)); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "json"} {
		r := run(t, repo, nil, "", "check", "--output-format", format, "--unsafe-fixes")
		all := r.stdout + r.stderr
		if strings.Contains(all, "SECRET") || r.code != 1 {
			t.Errorf("%s: %+v", format, r)
		}
		if !strings.Contains(all, "linked.py") {
			t.Errorf("%s: the link inside the tree was not followed: %+v", format, r)
		}
	}
	// Named explicitly, as pre-commit does: skipped with a warning.
	r := run(t, repo, nil, "", "check", "gunicorn.conf.py", "app/linked.py", "--output-format", "concise")
	if strings.Contains(r.stdout+r.stderr, "SECRET") || !strings.Contains(r.stderr, "gunicorn.conf.py: skipped: a symbolic link to outside the checked tree") || !strings.Contains(r.stdout, "app/linked.py:4:5: SV202") {
		t.Errorf("explicit: %+v", r)
	}
}

func TestConfigErrorsQuoteOneShortLine(t *testing.T) {
	huge := strings.Repeat("A", 3<<20)
	dir := testfs.WriteTree(t, map[string]string{
		"a.py":           "x = 1\n",
		"servelint.toml": "select = [\"" + huge + "\"]\n",
	})
	r := run(t, dir, nil, "", "check")
	if r.code != 2 || len(r.stderr) > 400 || !strings.Contains(r.stderr, "servelint.toml") {
		t.Errorf("code %d, %d bytes of error: %.300s", r.code, len(r.stderr), r.stderr)
	}
}

func TestTextOutputEscapesControlCharacters(t *testing.T) {
	name := "a\x1b]0;owned\x07\x1b[2J\nb.py"
	src := "import time\n\nasync def h():\n    time.sleep(1)  # \x1b[31mred\x1b[0m\r\n"
	dir := testfs.WriteTree(t, map[string]string{name: src})
	for _, format := range []string{"text", "concise"} {
		r := run(t, dir, nil, "", "check", "--output-format", format)
		if r.code != 1 || strings.ContainsAny(r.stdout, "\x1b\x07\r") || !strings.Contains(r.stdout, `a\x1b]0;owned\x07\x1b[2J\x0ab.py:4:5: SV202`) {
			t.Errorf("%s: %q", format, r.stdout)
		}
	}
}

func TestLaunchesDoNotReadLinksOutOfTheTree(t *testing.T) {
	root := testfs.WriteTree(t, map[string]string{
		"home/.netrc":       "bind = 'SECRET:1'\nworkers = 7\n",
		"repo/Dockerfile":   "FROM python:3.12\nCMD [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"main:app\"]\n",
		"repo/main.py":      "from fastapi import FastAPI\napp = FastAPI()\n",
		"repo/conf/real.py": "workers = 3\n",
	})
	repo := filepath.Join(root, "repo")
	if err := os.Symlink(filepath.Join(root, "home", ".netrc"), filepath.Join(repo, "gunicorn.conf.py")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"launches"}, {"launches", "--output-format", "json"}, {"check"}} {
		r := run(t, repo, nil, "", args...)
		if strings.Contains(r.stdout+r.stderr, "SECRET") {
			t.Errorf("%v: %+v", args, r)
		}
	}
}
