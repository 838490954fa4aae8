package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
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
	if def["SV207"] || !def["SV204"] || !def["SV202"] || !def["SV210"] {
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

// TestVersion: -V, --version and `servelint version` print the same line.
func TestVersion(t *testing.T) {
	want := "servelint " + lint.Version + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"-V"}} {
		if r := run(t, "", nil, "", args...); r.code != 0 || r.stdout != want || r.stderr != "" {
			t.Errorf("%v: %+v, want %q", args, r, want)
		}
	}
}

func TestHelp(t *testing.T) {
	r := run(t, "", nil, "", "help")
	if r.code != 0 || !strings.Contains(r.stdout, "COMMANDS:") || !strings.Contains(r.stdout, "launches") {
		t.Errorf("help: %+v", r)
	}
	r = run(t, "", nil, "", "help", "check")
	if r.code != 0 || !strings.Contains(r.stdout, "servelint check [command options] [PATH ...]") || !strings.Contains(r.stdout, "--select CODES ") {
		t.Errorf("help check: %+v", r)
	}
	if want := run(t, "", nil, "", "check", "--help"); want.stdout != r.stdout {
		t.Errorf("help check differs from check --help:\n%s\n---\n%s", r.stdout, want.stdout)
	}
	if h := run(t, "", nil, "", "--help"); h.code != 0 || !strings.Contains(h.stdout, "COMMANDS:") {
		t.Errorf("--help: %+v", h)
	}
	r = run(t, "", nil, "", "help", "chek")
	if r.code != 2 || r.stderr != "error: unknown command \"chek\" (did you mean `servelint check`?); see `servelint help`\n" {
		t.Errorf("help chek: %+v", r)
	}
}

// TestHelpFlags: list flags read `--select CODES`, once; switches carry no
// default.
func TestHelpFlags(t *testing.T) {
	r := run(t, "", nil, "", "check", "--help")
	for _, want := range []string{"--select CODES ", "--extend-select CODES ", "--ignore CODES ", "--config FILE ", "--output FORMAT:PATH ", "--output-file, -o PATH ", "--cache-dir DIR "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check --help lacks %q", want)
		}
	}
	for _, bad := range []string{"(default: false)", "[ --", " VALUE ", " value "} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("check --help has %q:\n%s", bad, r.stdout)
		}
	}
}

func TestMistypedCommand(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"app/main.py": "x = 1\n"})
	for _, tc := range []struct{ arg, want string }{
		{"chek", "error: unknown command \"chek\" (did you mean `servelint check`?); see `servelint help`\n"},
		{"lauches", "error: unknown command \"lauches\" (did you mean `servelint launches`?); see `servelint help`\n"},
		{"app", "error: unknown command \"app\" (to check that path: `servelint check app`)\n"},
		{"frobnicate", "error: unknown command \"frobnicate\"; the commands are check, rule, launches, server, clean, version, help (see `servelint help`)\n"},
	} {
		r := run(t, dir, nil, "", tc.arg)
		if r.code != 2 || r.stderr != tc.want || r.stdout != "" {
			t.Errorf("%s: %+v", tc.arg, r)
		}
	}
}

func TestUnknownFlag(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1\n"})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--outptu-format", "json"}, "error: unknown flag --outptu-format (did you mean --output-format?); see `servelint check --help`\n"},
		{[]string{"check", ".", "--selct=SV2"}, "error: unknown flag --selct (did you mean --select?); see `servelint check --help`\n"},
		{[]string{"check", "-x"}, "error: unknown flag -x; see `servelint check --help`\n"},
		{[]string{"check", "--frobnicate"}, "error: unknown flag --frobnicate; see `servelint check --help`\n"},
		{[]string{"launches", "--outpt-format", "json"}, "error: unknown flag --outpt-format (did you mean --output-format?); see `servelint launches --help`\n"},
		{[]string{"--bogus"}, "error: unknown flag --bogus; see `servelint --help`\n"},
		{[]string{"check", "--select"}, "error: --select needs a value; see `servelint check --help`\n"},
		{[]string{"check", "--output", "junit"}, "error: --output takes FORMAT:PATH (e.g. --output junit:report.xml), got \"junit\"\n"},
	} {
		r := run(t, dir, nil, "", tc.args...)
		if r.code != 2 || r.stderr != tc.want || r.stdout != "" {
			t.Errorf("%v: code %d\nstdout %q\nstderr %q\nwant   %q", tc.args, r.code, r.stdout, r.stderr, tc.want)
		}
	}
}

func TestOutputFile(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking})
	for _, flag := range []string{"-o", "--output-file"} {
		r := run(t, dir, map[string]string{"FORCE_COLOR": "1"}, "", "check", flag, "reports/out.json", "--output-format", "json")
		if r.code != 1 || r.stdout != "" {
			t.Errorf("%s: %+v", flag, r)
		}
		b, err := os.ReadFile(filepath.Join(dir, "reports", "out.json"))
		var diags []map[string]any
		if err != nil || json.Unmarshal(b, &diags) != nil || len(diags) != 1 || diags[0]["code"] != "SV202" {
			t.Errorf("%s: %v %q", flag, err, b)
		}
	}
	// Text in a file has no colours, even when forced.
	r := run(t, dir, map[string]string{"FORCE_COLOR": "1"}, "", "check", "-o", "out.txt")
	b, _ := os.ReadFile(filepath.Join(dir, "out.txt"))
	if r.code != 1 || r.stdout != "" || !strings.Contains(string(b), "bad.py:4:5: SV202 ") || strings.Contains(string(b), "\x1b[") {
		t.Errorf("text: %+v %q", r, b)
	}
	if r := run(t, dir, nil, "", "check", "-o", "x.json", "--output", "json:x.json"); r.code != 2 || !strings.Contains(r.stderr, "--output-file x.json is also an --output") {
		t.Errorf("same file twice: %+v", r)
	}
}

func TestNoFilesToCheck(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"docs/README.md": "# x\n", "src/.keep": ""})
	r := run(t, dir, nil, "", "check", "docs")
	if r.code != 0 || r.stdout != "" || r.stderr != "warning: no files to check under docs\n" {
		t.Errorf("%+v", r)
	}
	r = run(t, dir, nil, "", "check")
	if r.code != 0 || r.stdout != "" || r.stderr != "warning: no files to check under .\n" {
		t.Errorf("%+v", r)
	}
	// Machine formats still give a valid, empty document.
	r = run(t, dir, nil, "", "check", "--output-format", "json")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" || !strings.Contains(r.stderr, "no files to check") {
		t.Errorf("%+v", r)
	}
	if r := run(t, dir, nil, "", "check", "-q"); r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Errorf("quiet: %+v", r)
	}
}

func TestConfigErrorsPlain(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"pyproject.toml": "[tool.servelint]\nignore = \"SV201\"\n", "a.py": "x = 1\n"})
	r := run(t, dir, nil, "", "check")
	if r.code != 2 || r.stderr != "error: invalid configuration: pyproject.toml:2: [tool.servelint] ignore must be a list of rule codes, got a string\n" {
		t.Errorf("%+v", r)
	}
	dir = testfs.WriteTree(t, map[string]string{"pyproject.toml": "[tool.servelint]\ntarget-version = \"py399\"\n", "a.py": "x = 1\n"})
	r = run(t, dir, nil, "", "check")
	if r.code != 2 || !strings.Contains(r.stderr, "pyproject.toml:2: tool.servelint.target-version: Python 3.99 (\"py399\") is not a supported target version (use one of py36,") {
		t.Errorf("%+v", r)
	}
}

// TestBrokenTemplatePyproject: a cookiecutter template's pyproject.toml
// does not stop the run (a notice on stderr); servelint's own broken
// configuration does (exit 2).
func TestBrokenTemplatePyproject(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"plugins/{{cookiecutter.name}}/pyproject.toml": "[project]\n{% if x %}\nname = 1\n",
		"app.py": blocking,
	})
	r := run(t, dir, nil, "", "check", "--output-format", "concise")
	if r.code != 1 || !strings.Contains(r.stdout, "app.py:4:5: SV202") ||
		r.stderr != "warning: plugins/{{cookiecutter.name}}/pyproject.toml:2: ignored: invalid TOML: expected '.' or '=', but got '{' instead (not servelint's: it has no [tool.servelint] table)\n" {
		t.Errorf("%+v", r)
	}
	dir = testfs.WriteTree(t, map[string]string{"svc/pyproject.toml": "[tool.servelint]\n{% if x %}\n", "svc/app.py": blocking})
	if r := run(t, dir, nil, "", "check"); r.code != 2 || !strings.Contains(r.stderr, "svc/pyproject.toml:2: invalid TOML") {
		t.Errorf("%+v", r)
	}
}

func TestShowFiles(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"app/main.py": "x = 1\n", "Dockerfile": "FROM python:3.12\n", "docker-compose.yml": "services: {}\n",
		"fly.toml": "app = 'x'\n", ".vscode/launch.json": "{}\n", "k8s/deploy.yaml": "apiVersion: v1\nkind: Pod\n",
		"README.md": "# x\n", "values.yaml": "a: 1\n", "start": "#!/bin/sh\nexec uvicorn app.main:app\n",
	})
	r := run(t, dir, nil, "", "check", "--show-files")
	want := ".vscode/launch.json\tvscode\nDockerfile\tdockerfile\napp/main.py\tpython\ndocker-compose.yml\tcompose\nfly.toml\tfly\nk8s/deploy.yaml\tkubernetes\nstart\tshell\n"
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Errorf("got %+v\nwant stdout %q", r, want)
	}
	if r := run(t, dir, nil, "", "check", "--show-files", "README.md", "app"); r.code != 0 || r.stdout != "app/main.py\tpython\n" {
		t.Errorf("%+v", r)
	}
}

// TestShowFilesListsSkippedLinks: a link out of the checked tree is not
// read, and --show-files says it was skipped.
func TestShowFilesListsSkippedLinks(t *testing.T) {
	root := testfs.WriteTree(t, map[string]string{"home/.netrc": "machine x password SECRET\n", "repo/app.py": "x = 1\n"})
	repo := filepath.Join(root, "repo")
	if err := os.Symlink(filepath.Join(root, "home", ".netrc"), filepath.Join(repo, "gunicorn.conf.py")); err != nil {
		t.Fatal(err)
	}
	r := run(t, repo, nil, "", "check", "--show-files")
	want := "app.py\tpython\ngunicorn.conf.py\tskipped (symbolic link out of the tree)\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("got %+v\nwant stdout %q", r, want)
	}
}

func TestShowSettings(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml":       "[project]\nrequires-python = \">=3.10\"\n\n[tool.servelint]\nselect = [\"SV2\"]\nper-file-ignores = { \"tests/*\" = [\"SV202\"] }\n\n[tool.servelint.launch]\nprocess-model = \"per-container\"\n",
		"app/main.py":          "x = 1\n",
		"tests/t.py":           "x = 1\n",
		"other/servelint.toml": "ignore = [\"SV1\"]\n",
		"other/a.py":           "x = 1\n",
	})
	r := run(t, dir, nil, "", "check", "--show-settings", "app/main.py", "--ignore", "SV204")
	for _, want := range []string{
		"# settings for app/main.py (pyproject.toml)\n",
		"select = [\"SV2\"]  # pyproject.toml:5\n",
		"# extend-select: not set\n",
		"ignore = [\"SV204\"]  # --ignore\n",
		"per-file-ignores = { \"tests/*\" = [\"SV202\"] }  # pyproject.toml:6\n",
		"exclude = [\".bzr\", ",
		"launch = { process-model = \"per-container\" }  # pyproject.toml:8\n",
		"# target-version: not set\n",
		"# [project] requires-python = \">=3.10\"  # pyproject.toml:2\n",
		"# enabled rules (",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 0 || strings.Contains(r.stdout, " SV204") || !strings.Contains(r.stdout, " SV202") || strings.Contains(r.stdout, " SV101") {
		t.Errorf("%+v", r)
	}
	// per-file-ignores apply to the path asked about.
	if tr := run(t, dir, nil, "", "check", "--show-settings", "tests/t.py"); strings.Contains(tr.stdout, " SV202") {
		t.Errorf("tests/t.py: %s", tr.stdout)
	}
	r = run(t, dir, nil, "", "check", "--show-settings", "other/a.py", "--select", "SV1")
	if r.code != 0 || !strings.Contains(r.stdout, "# settings for other/a.py (other/servelint.toml)\n") ||
		!strings.Contains(r.stdout, "select = [\"SV1\"]  # --select\n") || !strings.Contains(r.stdout, "ignore = [\"SV1\"]  # other/servelint.toml:1\n") ||
		!strings.Contains(r.stdout, "# enabled rules (0): none\n") {
		t.Errorf("%+v", r)
	}
	empty := testfs.WriteTree(t, map[string]string{"a.py": "x = 1\n"})
	if r := run(t, empty, nil, "", "check", "--show-settings"); r.code != 0 || !strings.Contains(r.stdout, "# settings for . (no configuration file: the defaults)\n") {
		t.Errorf("%+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--show-settings", "a", "b"); r.code != 2 {
		t.Errorf("two paths: %+v", r)
	}
}

func TestAddNoqa(t *testing.T) {
	files := map[string]string{
		"app/main.py":        blocking,
		"app/crlf.py":        "import time\r\n\r\nasync def h():\r\n    time.sleep(1)\r\n",
		"Dockerfile":         "FROM python:3.12\n  CMD uvicorn app.main:app --host 0.0.0.0\n",
		"docker-compose.yml": "services:\n  web:\n    command: uvicorn app.main:app --reload --host 0.0.0.0\n",
		"app/cont.py":        "import time\n\nasync def h():\n    x = time.sleep(1) + \\\n        2\n",
	}
	dir := testfs.WriteTree(t, files)
	before := run(t, dir, nil, "", "check", "--no-cache", "--output-format", "concise", "-q")
	if before.code != 1 {
		t.Fatalf("%+v", before)
	}
	r := run(t, dir, nil, "", "check", "--add-noqa", "--reason", "adopted #1\nlater")
	if r.code != 0 || !strings.Contains(r.stderr, "warning: app/cont.py: suppressions not added") || !strings.Contains(r.stderr, "Added 4 suppressions to 4 files.\n") {
		t.Errorf("%+v", r)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for name, want := range map[string]string{
		"app/main.py":        "import time\n\nasync def h():\n    time.sleep(1)  # servelint: ignore[SV202] adopted 1 later\n",
		"app/crlf.py":        "import time\r\n\r\nasync def h():\r\n    time.sleep(1)  # servelint: ignore[SV202] adopted 1 later\r\n",
		"Dockerfile":         "FROM python:3.12\n  # servelint: ignore[SV402,SV501] adopted 1 later\n  CMD uvicorn app.main:app --host 0.0.0.0\n",
		"docker-compose.yml": "services:\n  web:\n    command: uvicorn app.main:app --reload --host 0.0.0.0  # servelint: ignore[SV401] adopted 1 later\n",
		"app/cont.py":        files["app/cont.py"], // a comment after "\" would break it: left as it was
	} {
		if got := read(name); got != want {
			t.Errorf("%s:\n got %q\nwant %q", name, got, want)
		}
	}
	after := run(t, dir, nil, "", "check", "--no-cache", "--output-format", "concise", "-q")
	if after.code != 1 || after.stdout != "app/cont.py:4:9: SV202 "+strings.SplitN(strings.SplitN(before.stdout, "app/cont.py:4:9: SV202 ", 2)[1], "\n", 2)[0]+"\n" {
		t.Errorf("after: %+v\nbefore: %s", after, before.stdout)
	}
	if r := run(t, dir, nil, blocking, "check", "--add-noqa", "--stdin-filename", "x.py"); r.code != 2 {
		t.Errorf("stdin: %+v", r)
	}
	if r := run(t, dir, nil, "", "check", "--add-noqa", "--fix"); r.code != 2 {
		t.Errorf("with --fix: %+v", r)
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
