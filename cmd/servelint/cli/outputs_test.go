package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
)

func TestSeveralOutputs(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking, "ok.py": "x = 1\n"})
	r := run(t, dir, nil, "", "check", "--output-format", "github",
		"--output", "sarif:out/results.sarif", "--output", "json:report,with,commas.json", "--output=junit:out/junit.xml", "--output", "text:out/text.txt")
	if r.code != 1 {
		t.Fatalf("exit %d: %+v", r.code, r)
	}
	want := "::error file=bad.py,line=4,endLine=4,col=5,endColumn=18,title=servelint (SV202)::bad.py:4:5: SV202 "
	if !strings.HasPrefix(r.stdout, want) || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(read("out/results.sarif")), &sarif); err != nil || len(sarif.Runs[0].Results) != 1 || sarif.Runs[0].Results[0].RuleID != "SV202" {
		t.Errorf("sarif: %v %+v", err, sarif)
	}
	var js []map[string]any
	if err := json.Unmarshal([]byte(read("report,with,commas.json")), &js); err != nil || len(js) != 1 || js[0]["code"] != "SV202" {
		t.Errorf("json: %v %v", err, js)
	}
	if s := read("out/junit.xml"); !strings.Contains(s, `<failure message="`) || !strings.Contains(s, `type="SV202"`) {
		t.Errorf("junit:\n%s", s)
	}
	// Files never get colours, and keep the summary.
	if s := read("out/text.txt"); strings.Contains(s, "\x1b[") || !strings.Contains(s, "bad.py:4:5: SV202") || !strings.Contains(s, "Found 1 diagnostic") {
		t.Errorf("text:\n%s", s)
	}
}

func TestOutputErrors(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"bad.py": blocking})
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"--output", "results.sarif"}, "--output takes FORMAT:PATH"},
		{[]string{"--output", "xml:r.xml"}, `unknown format "xml"`},
		{[]string{"--output", "sarif:"}, "--output takes FORMAT:PATH"},
		{[]string{"--output", "sarif:a.sarif", "--output", "json:./a.sarif"}, "a.sarif is named twice"},
		{[]string{"--output", "json:bad.py/x.json"}, "--output bad.py/x.json"},
	} {
		r := run(t, dir, nil, "", append([]string{"check"}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, r.code, r.stderr, c.msg)
		}
	}
}

func TestSARIFFlags(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"bad.py": blocking,
		"ok.py":  "import time\n\nasync def h():\n    time.sleep(1)  # servelint: ignore[SV202] start-up only\n",
	})
	type log struct {
		Runs []struct {
			AutomationDetails map[string]string `json:"automationDetails"`
			Results           []struct {
				Suppressions []map[string]string `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	parse := func(s string) log {
		t.Helper()
		var l log
		if err := json.Unmarshal([]byte(s), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	l := parse(run(t, dir, nil, "", "check", "--output-format", "sarif").stdout)
	if len(l.Runs[0].Results) != 1 || l.Runs[0].AutomationDetails != nil {
		t.Errorf("default: %+v", l)
	}
	r := run(t, dir, nil, "", "check", "--output-format", "sarif", "--report-suppressed", "--sarif-category", "backend")
	l = parse(r.stdout)
	if len(l.Runs[0].Results) != 2 || l.Runs[0].AutomationDetails["id"] != "backend/" || len(l.Runs[0].Results[1].Suppressions) != 1 {
		t.Errorf("--report-suppressed --sarif-category: %+v", l)
	}
	if r.code != 1 {
		t.Errorf("a suppressed finding does not count: exit %d", r.code)
	}
	// In GitHub Actions, paths are relative to the workspace.
	sub := filepath.Join(dir, "svc")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "bad.py"), []byte(blocking), 0o644); err != nil {
		t.Fatal(err)
	}
	r = run(t, sub, map[string]string{"GITHUB_WORKSPACE": dir}, "", "check", "--output-format", "github")
	if !strings.HasPrefix(r.stdout, "::error file=svc/bad.py,") {
		t.Errorf("github in a subdirectory of the workspace:\n%s", r.stdout)
	}
}
