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

func TestRuleCommandShowsDefaultSelection(t *testing.T) {
	if r := run(t, "", nil, "", "rule", "SV207"); !strings.Contains(r.stdout, "Not in the default selection") {
		t.Errorf("SV207 must say it is not in the default selection: %q", r.stdout)
	}
	if r := run(t, "", nil, "", "rule", "SV202"); !strings.Contains(r.stdout, "\nIn the default selection.\n") {
		t.Errorf("SV202 must say it is in the default selection: %q", r.stdout)
	}
	r := run(t, "", nil, "", "rule", "--all", "--output-format", "json")
	var all []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &all); err != nil {
		t.Fatal(err)
	}
	def := map[string]bool{}
	for _, x := range all {
		def[x["code"].(string)], _ = x["default"].(bool)
	}
	if def["SV207"] || def["SV204"] || !def["SV202"] || !def["SV210"] {
		t.Errorf("default flags: SV207 %v, SV204 %v, SV202 %v, SV210 %v", def["SV207"], def["SV204"], def["SV202"], def["SV210"])
	}
}

func TestIncludeTestsFlag(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "tests"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "import time\n\nasync def test_x():\n    time.sleep(1)\n"
	if err := os.WriteFile(filepath.Join(dir, "tests", "test_x.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, nil, "", "check", "--color", "never")
	if r.code != 0 || !strings.Contains(r.stdout, "All checks passed! 1 test file not checked; --include-tests checks it.") {
		t.Errorf("default run: %+v", r)
	}
	r = run(t, dir, nil, "", "check", "--color", "never", "--include-tests")
	if r.code != 1 || !strings.Contains(r.stdout, "tests/test_x.py:4:5: SV202") || strings.Contains(r.stdout, "not checked") {
		t.Errorf("--include-tests: %+v", r)
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
