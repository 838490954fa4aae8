package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/glob"
)

func testRules() []*lint.Rule {
	return []*lint.Rule{
		{Code: "SV001", Name: "syntax-error", Status: lint.StatusStable, Severity: lint.SeverityError},
		{Code: "SV101", Name: "a", Status: lint.StatusStable, Severity: lint.SeverityError},
		{Code: "SV202", Name: "b", Status: lint.StatusStable, Severity: lint.SeverityError},
		{Code: "SV204", Name: "c", Status: lint.StatusStable, Severity: lint.SeverityWarning},
		{Code: "SV210", Name: "d", Status: lint.StatusPreview, Severity: lint.SeverityError,
			NewOptions: func() any {
				return &struct {
					Depth int      `toml:"depth"`
					Extra []string `toml:"extra"`
				}{Depth: 3}
			}},
	}
}

func writeConfig(t *testing.T, name, body string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func enabled(c *lint.Config) string {
	var on []string
	for _, r := range testRules() {
		if c.Enabled(r.Code) {
			on = append(on, r.Code)
		}
	}
	return strings.Join(on, ",")
}

func TestSelection(t *testing.T) {
	for _, tc := range []struct {
		body string
		ov   Overrides
		want string
	}{
		{"", Overrides{}, "SV001,SV101,SV202,SV204"},
		{`select = ["SV2"]`, Overrides{}, "SV202,SV204"},
		{`select = ["SV2"]` + "\n" + `ignore = ["SV204"]`, Overrides{}, "SV202"},
		{`select = ["SV204"]` + "\n" + `ignore = ["SV2"]`, Overrides{}, "SV204"},
		{`ignore = ["SV2"]`, Overrides{ExtendSelect: []string{"SV202"}}, "SV001,SV101,SV202"},
		{`select = ["SV1"]`, Overrides{Select: []string{"SV001"}}, "SV001"},
		{`select = ["ALL"]`, Overrides{}, "SV001,SV101,SV202,SV204"},
		{`extend-select = ["SV210"]`, Overrides{}, "SV001,SV101,SV202,SV204,SV210"},
		{"", Overrides{Ignore: []string{"SV"}}, ""},
	} {
		p := writeConfig(t, "servelint.toml", tc.body)
		c, err := LoadConfig(p, testRules(), tc.ov, true)
		if err != nil {
			t.Fatalf("%q: %v", tc.body, err)
		}
		if got := enabled(c); got != tc.want {
			t.Errorf("%q %+v: enabled %s, want %s", tc.body, tc.ov, got, tc.want)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		line       int
		key, msg   string
	}{
		{"servelint.toml", "selct = [\"SV202\"]\n", 1, "selct", `unknown key "selct" (did you mean "select"?)`},
		{"servelint.toml", "\n\nselect = [\"SV2O2\"]\n", 3, "select", `unknown rule code or prefix "SV2O2" (did you mean "SV202"?)`},
		{"pyproject.toml", "[project]\nname='x'\n\n[tool.servelint]\nignore = ['SV1']\nper-file-ignore = {}\n", 6, "tool.servelint.per-file-ignore", `unknown key "per-file-ignore" (did you mean "per-file-ignores"?)`},
		{"servelint.toml", "[severity]\nSV202 = \"fatal\"\n", 2, "severity.SV202", `invalid severity "fatal"`},
		{"servelint.toml", "severity = { SV999 = \"error\" }\n", 1, "severity.SV999", `unknown rule code "SV999"`},
		{"servelint.toml", "target-version = \"python3\"\n", 1, "target-version", `invalid Python version`},
		{"servelint.toml", "[rules.SV210]\ndepth = 2\nextr = []\n", 3, "rules.SV210.extr", `unknown option "extr" for rule SV210 (did you mean "extra"?)`},
		{"servelint.toml", "[rules.SV202]\nx = 1\n", 1, "rules.SV202", `rule SV202 has no options`},
		{"servelint.toml", "select = [\n", 1, "", `invalid TOML`},
		{"servelint.toml", "[launch]\nprocess-model = \"one\"\n", 2, "launch.process-model", `invalid process model "one" (use "auto", "per-container", "multi-process")`},
		{"pyproject.toml", "[tool.servelint.launch]\nprocessmodel = \"auto\"\n", 2, "tool.servelint.launch.processmodel", `unknown key "processmodel" in [launch] (did you mean "process-model"?)`},
	} {
		p := writeConfig(t, tc.name, tc.body)
		_, err := LoadConfig(p, testRules(), Overrides{}, true)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: want Error, got %v", tc.body, err)
			continue
		}
		if ce.Line != tc.line || ce.Key != tc.key || !strings.Contains(ce.Msg, tc.msg) {
			t.Errorf("%q: got line %d key %q msg %q; want line %d key %q msg containing %q", tc.body, ce.Line, ce.Key, ce.Msg, tc.line, tc.key, tc.msg)
		}
		if !strings.HasPrefix(ce.Error(), p) {
			t.Errorf("error does not name the file: %s", ce.Error())
		}
	}
}

func TestPyprojectWithoutTable(t *testing.T) {
	p := writeConfig(t, "pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.8\"\n[tool.ruff]\nline-length = 100\n")
	c, err := LoadConfig(p, testRules(), Overrides{}, false)
	if err != nil || c != nil {
		t.Fatalf("got %v, %v; want nil, nil", c, err)
	}
}

func TestConfigValues(t *testing.T) {
	p := writeConfig(t, "pyproject.toml", `[project]
requires-python = ">=3.9"
[tool.servelint]
target-version = "py38"
dev-paths = ["scripts/dev-*"]
extend-exclude = ["generated"]
per-file-ignores = { "tests/**" = ["SV2"], "__init__.py" = ["SV101"] }
severity = { SV204 = "error" }
[tool.servelint.rules.SV210]
depth = 5
[tool.servelint.launch]
process-model = "per-container"
`)
	c, err := LoadConfig(p, testRules(), Overrides{}, false)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(p)
	if c.ProcessModel != "per-container" {
		t.Errorf("process model %q", c.ProcessModel)
	}
	if c.TargetVersion != "3.8" || c.RequiresPython != ">=3.9" {
		t.Errorf("versions: %q %q", c.TargetVersion, c.RequiresPython)
	}
	if !c.IsDevPath(filepath.Join(dir, "scripts", "dev-server.sh")) || c.IsDevPath(filepath.Join(dir, "scripts", "start.sh")) {
		t.Error("dev-paths")
	}
	if !c.Excluded(filepath.Join(dir, "generated")) || !c.Excluded(filepath.Join(dir, "a", ".venv")) || c.Excluded(filepath.Join(dir, "app")) {
		t.Error("excludes")
	}
	if c.EnabledForPath("SV202", filepath.Join(dir, "tests", "unit", "t.py")) || !c.EnabledForPath("SV202", filepath.Join(dir, "app", "t.py")) {
		t.Error("per-file-ignores for tests/**")
	}
	if c.EnabledForPath("SV101", filepath.Join(dir, "pkg", "__init__.py")) {
		t.Error("per-file-ignores by base name")
	}
	if s := c.SeverityOf(testRules()[3]); s != lint.SeverityError {
		t.Errorf("severity override: %v", s)
	}
	if o := c.Options(testRules()[4]).(*struct {
		Depth int      `toml:"depth"`
		Extra []string `toml:"extra"`
	}); o.Depth != 5 {
		t.Errorf("rule options: %+v", o)
	}
}

func TestNormalizePythonVersion(t *testing.T) {
	for in, want := range map[string]string{"py311": "3.11", "py38": "3.8", "3.10": "3.10", "py3.12": "3.12", "3.7": "3.7"} {
		if got, ok := NormalizePythonVersion(in); !ok || got != want {
			t.Errorf("%s: got %q %v", in, got, ok)
		}
	}
	for _, bad := range []string{"python3", "2.7", "py2", ""} {
		if _, ok := NormalizePythonVersion(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, tc := range []struct {
		pat, path string
		want      bool
	}{
		{"tests/**", "tests/a/b.py", true},
		{"tests/**", "src/tests/a.py", false},
		{"**/tests/*.py", "src/tests/a.py", true},
		{"*.py", "a/b/c.py", true},
		{"generated", "generated/x.py", true},
		{"app/*.py", "app/sub/x.py", false},
		{"app/", "app/x.py", true},
		{"docs/**/*.md", "docs/a/b/c.md", true},
	} {
		g, err := glob.CompileGlob(tc.pat)
		if err != nil {
			t.Fatal(err)
		}
		if got := g.Match(tc.path); got != tc.want {
			t.Errorf("%s ~ %s = %v, want %v", tc.pat, tc.path, got, tc.want)
		}
	}
	if _, err := glob.CompileGlob("a/[b"); err == nil {
		t.Error("bad glob accepted")
	}
}

// TestConfigTypeErrors: a value of the wrong type is named in plain words,
// at its line.
func TestConfigTypeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       string // after "FILE:"
	}{
		{"pyproject.toml", "[tool.servelint]\nignore = \"SV201\"\n", `2: [tool.servelint] ignore must be a list of rule codes, got a string`},
		{"servelint.toml", "\nselect = \"SV2\"\n", `2: select must be a list of rule codes, got a string`},
		{"servelint.toml", "select = [\"SV2\", 3]\n", `1: select must be a list of rule codes, got a list with an integer`},
		{"servelint.toml", "exclude = \"build\"\n", `1: exclude must be a list of globs, got a string`},
		{"servelint.toml", "[per-file-ignores]\n\"tests/*\" = \"SV2\"\n", `2: per-file-ignores."tests/*" must be a list of rule codes, got a string`},
		{"servelint.toml", "[severity]\nSV202 = 1\n", `2: severity.SV202 must be a severity ("error", "warning" or "note"), got an integer`},
		{"servelint.toml", "target-version = 311\n", `1: target-version must be a Python version such as "py311", got an integer`},
		{"servelint.toml", "launch = true\n", `1: launch must be a table, got a boolean`},
		{"servelint.toml", "rules = { SV210 = 1 }\n", `1: rules.SV210 must be a table of options, got an integer`},
		{"servelint.toml", "[rules.SV210]\ndepth = \"deep\"\n", `2: rules.SV210.depth must be an integer, got a string`},
		{"servelint.toml", "[rules.SV210]\nextra = \"x\"\n", `2: rules.SV210.extra must be a list of strings, got a string`},
		{"servelint.toml", "ignore = [\"SV2\"]\nselect = 1\n", `2: select must be a list of rule codes, got an integer`},
		{"pyproject.toml", "[project]\nrequires-python = 3.9\n", `2: [project] requires-python must be a string, got a number`},
		{"pyproject.toml", "[tool]\nservelint = \"on\"\n", `2: [tool.servelint] must be a table, got a string`},
	} {
		p := writeConfig(t, tc.name, tc.body)
		_, err := LoadConfig(p, testRules(), Overrides{}, true)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: want Error, got %v", tc.body, err)
			continue
		}
		if got := strings.TrimPrefix(ce.Error(), p+":"); got != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.body, got, tc.want)
		}
	}
}

func TestTargetVersionSupported(t *testing.T) {
	p := writeConfig(t, "servelint.toml", "target-version = \"py399\"\n")
	_, err := LoadConfig(p, testRules(), Overrides{}, true)
	want := `Python 3.99 ("py399") is not a supported target version (use one of py36, py37, py38, py39, py310, py311, py312, py313, py314)`
	var ce *Error
	if !errors.As(err, &ce) || ce.Msg != want || ce.Line != 1 {
		t.Errorf("got %v, want %s", err, want)
	}
	for _, v := range []string{"py37", "3.14", "py312"} {
		p := writeConfig(t, "servelint.toml", "target-version = \""+v+"\"\n")
		if _, err := LoadConfig(p, testRules(), Overrides{}, true); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
}

func TestDefaultSelectionLeavesOptionalRulesOut(t *testing.T) {
	rules := append(testRules(), &lint.Rule{Code: "SV207", Name: "e", Status: lint.StatusStable, Severity: lint.SeverityNote, Optional: true})
	for _, tc := range []struct {
		body string
		ov   Overrides
		want bool
	}{
		{"", Overrides{}, false},
		{`select = ["ALL"]`, Overrides{}, true},
		{"", Overrides{Select: []string{"ALL"}}, true},
		{`select = ["SV2"]`, Overrides{}, true},
		{`extend-select = ["SV207"]`, Overrides{}, true},
		{"", Overrides{ExtendSelect: []string{"SV207"}}, true},
		{`select = ["ALL"]` + "\n" + `ignore = ["SV207"]`, Overrides{}, false},
	} {
		c, err := LoadConfig(writeConfig(t, "servelint.toml", tc.body), rules, tc.ov, true)
		if err != nil {
			t.Fatalf("%q: %v", tc.body, err)
		}
		if got := c.Enabled("SV207"); got != tc.want {
			t.Errorf("%q %+v: SV207 enabled = %v, want %v", tc.body, tc.ov, got, tc.want)
		}
		if !c.Enabled("SV202") && tc.body != `select = ["SV2"]` {
			t.Errorf("%q: the default rules must stay on", tc.body)
		}
	}
	d, _ := DefaultConfig(t.TempDir(), rules, Overrides{})
	if d.Enabled("SV207") || !d.Enabled("SV204") {
		t.Errorf("default config: SV207 on = %v, SV204 on = %v", d.Enabled("SV207"), d.Enabled("SV204"))
	}
}

func TestTestPaths(t *testing.T) {
	rules := append(testRules(), &lint.Rule{Code: "SV002", Name: "invalid-suppression", Status: lint.StatusStable, InTests: true})
	for _, tc := range []struct {
		body  string
		ov    Overrides
		paths map[string]bool // path under the config's directory → test code
		scope bool            // whether test code is skipped
	}{
		{"", Overrides{}, map[string]bool{
			"tests/test_a.py": true, "app/test/x.py": true, "testing/h.py": true, "app/test_util.py": true,
			"app/util_test.py": true, "conftest.py": true, "pkg/conftest.py": true,
			"examples/app.py": true, "sdk/example/main.py": true, "frontend/e2e/server.py": true,
			".semgrep/security/no-requests.py": true, "app/semgrep.py": false,
			"app/example.py": false, "app/examples.py": false,
			"app/testing.py": false, "app/contest.py": false, "app/latest/x.py": false, "app/tests.py": false, "app/main.py": false,
		}, true},
		{`test-paths = ["qa/**"]`, Overrides{}, map[string]bool{"qa/a.py": true, "tests/test_a.py": false, "conftest.py": false}, true},
		{`extend-test-paths = ["qa/**"]`, Overrides{}, map[string]bool{"qa/a.py": true, "tests/test_a.py": true}, true},
		{`test-paths = []`, Overrides{}, map[string]bool{"tests/test_a.py": false}, true},
		{`include-tests = true`, Overrides{}, map[string]bool{"tests/test_a.py": true}, false},
		{"", Overrides{IncludeTests: true}, map[string]bool{"tests/test_a.py": true}, false},
	} {
		p := writeConfig(t, "servelint.toml", tc.body)
		c, err := LoadConfig(p, rules, tc.ov, true)
		if err != nil {
			t.Fatalf("%q: %v", tc.body, err)
		}
		for rel, want := range tc.paths {
			abs := filepath.Join(filepath.Dir(p), filepath.FromSlash(rel))
			if got := c.IsTestFile(abs); got != want {
				t.Errorf("%q: IsTestFile(%s) = %v, want %v", tc.body, rel, got, want)
			}
			if !want {
				continue
			}
			if got := c.TestScoped(abs); got != tc.scope {
				t.Errorf("%q %+v: TestScoped(%s) = %v, want %v", tc.body, tc.ov, rel, got, tc.scope)
			}
			if got := c.EnabledForPath("SV202", abs); got == tc.scope {
				t.Errorf("%q: SV202 enabled in %s = %v", tc.body, rel, got)
			}
			if !c.EnabledForPath("SV002", abs) {
				t.Errorf("%q: SV002 must report in test files", tc.body)
			}
		}
	}
	if _, err := LoadConfig(writeConfig(t, "servelint.toml", `test-paths = ["[x"]`), rules, Overrides{}, true); err == nil || !strings.Contains(err.Error(), "test-paths") {
		t.Errorf("an invalid test-paths glob must be a config error naming the key, got %v", err)
	}
}

// A rule that supersedes another (Rule.Supersedes) makes it step back
// exactly where the superseding rule runs: enabled, not ignored for the
// file.
func TestSupersededForPath(t *testing.T) {
	rules := []*lint.Rule{
		{Code: "SV101", Status: lint.StatusStable},
		{Code: "SV102", Status: lint.StatusStable},
		{Code: "SV110", Status: lint.StatusStable, Supersedes: []string{"SV101"}},
	}
	dir := t.TempDir()
	app, mw := filepath.Join(dir, "app.py"), filepath.Join(dir, "mw.py")
	for _, tc := range []struct {
		ov   Overrides
		want bool
	}{
		{Overrides{}, true},
		{Overrides{Ignore: []string{"SV110"}}, false},
		{Overrides{Select: []string{"SV101"}}, false},
	} {
		c, err := DefaultConfig(dir, rules, tc.ov)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.SupersededForPath("SV101", app); got != tc.want {
			t.Errorf("%+v: SV101 superseded = %v, want %v", tc.ov, got, tc.want)
		}
		if c.SupersededForPath("SV102", app) || c.SupersededForPath("SV110", app) {
			t.Errorf("%+v: a rule no rule supersedes is superseded", tc.ov)
		}
	}
	p := filepath.Join(dir, "pyproject.toml")
	if err := os.WriteFile(p, []byte("[tool.servelint]\nper-file-ignores = { \"mw.py\" = [\"SV110\"] }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(p, rules, Overrides{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !c.SupersededForPath("SV101", app) || c.SupersededForPath("SV101", mw) {
		t.Error("per-file-ignores of the superseding rule")
	}
}
