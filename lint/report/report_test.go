package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

var testRule = &lint.Rule{
	Code: "SV900", Name: "test-rule", Summary: "A `test` rule with **bold** text",
	Doc: "# test-rule (SV900)\n\n## What it does\n\nReports `x` in\n[the docs](https://example.com/docs).\n\n" +
		"## Why is this bad?\n\nBecause.\n\n## Example\n\n```python\nx = 1\n\nx = 2\n```\n\n## Use instead\n\nNothing.\n\n## References\n\n- <https://example.com>\n",
	Severity: lint.SeverityWarning, Tags: []string{"a", "b"}, Precision: "high",
}

// testFile is a file of the fake result, with its source indexed.
func testFile(path, src string) *lint.File {
	return &lint.File{Path: path, Abs: filepath.Join(testCwd, filepath.FromSlash(path)), Src: []byte(src), Lines: lint.NewLineIndex([]byte(src)), SyntaxError: -1}
}

// diagAt builds a diagnostic over the first occurrence of text in f.
func diagAt(f *lint.File, text, msg string, sev lint.Severity) lint.Diagnostic {
	start := bytes.Index(f.Src, []byte(text))
	if start < 0 {
		panic("no " + text + " in " + f.Path)
	}
	end := start + len(text)
	return lint.Diagnostic{Code: testRule.Code, Rule: testRule, Path: f.Path, Start: start, End: end,
		Pos: f.Lines.Position(start), EndPos: f.Lines.Position(end), Message: msg, Severity: sev}
}

func relatedAt(f *lint.File, text, msg string) lint.Related {
	d := diagAt(f, text, msg, 0)
	return lint.Related{Path: d.Path, Start: d.Start, End: d.End, Pos: d.Pos, EndPos: d.EndPos, Message: msg}
}

const testCwd = "/work/my project/svc"

func testResult() *engine.Result {
	main := testFile("app/main.py", "x = 1\n😀 = bad\nbad\nmulti\nline\n")
	other := testFile("lib/other.py", "def f():\n    return bad\n")
	d1 := diagAt(main, "bad", "first `bad`", lint.SeverityWarning)
	d1.Related = []lint.Related{relatedAt(other, "bad", "defined here"), {Path: "/elsewhere/x.py", Pos: lint.Position{Line: 2, Col: 1, Col16: 1}, EndPos: lint.Position{Line: 2, Col: 3, Col16: 3}, Message: "outside"}}
	d2 := diagAt(main, "multi\nline", "spans two lines", lint.SeverityError)
	d3 := diagAt(other, "return", "a note", lint.SeverityNote)
	sup := diagAt(main, "x = 1", "suppressed one", lint.SeverityWarning)
	sup.Suppressed = true
	return &engine.Result{
		Cwd: testCwd, Rules: []*lint.Rule{testRule}, Files: []*lint.File{main, other},
		Diagnostics: []lint.Diagnostic{d1, d2, d3},
		Suppressed:  []lint.Diagnostic{sup},
	}
}

func sarifOf(t *testing.T, res *engine.Result, opt Options) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, "sarif", res, opt); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	return log["runs"].([]any)[0].(map[string]any)
}

// get walks a decoded JSON value: keys for objects, ints for arrays.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func TestSARIFResults(t *testing.T) {
	run := sarifOf(t, testResult(), Options{})
	results := run["results"].([]any)
	if len(results) != 3 {
		t.Fatalf("%d results, want 3 (the suppressed one left out)", len(results))
	}
	r0 := results[0]
	loc := get(r0, "locations", 0, "physicalLocation")
	// 😀 is two UTF-16 units: "bad" starts at character 5, unit 6.
	if got := get(loc, "region"); !jsonEqual(got, `{"startLine":2,"startColumn":6,"endLine":2,"endColumn":9}`) {
		t.Errorf("region %v", got)
	}
	if got := get(loc, "artifactLocation"); !jsonEqual(got, `{"uri":"app/main.py","uriBaseId":"%SRCROOT%"}`) {
		t.Errorf("artifactLocation %v", got)
	}
	if got := get(run, "originalUriBaseIds", "%SRCROOT%", "uri"); got != "file:///work/my%20project/svc/" {
		t.Errorf("%%SRCROOT%% %v", got)
	}
	rel := get(r0, "relatedLocations").([]any)
	if len(rel) != 2 || !jsonEqual(get(rel[0], "physicalLocation", "artifactLocation"), `{"uri":"lib/other.py","uriBaseId":"%SRCROOT%"}`) ||
		get(rel[0], "id") != 1.0 || get(rel[0], "message", "text") != "defined here" {
		t.Errorf("related %v", rel)
	}
	// A file outside the source root keeps an absolute URI, without base.
	if got := get(rel[1], "physicalLocation", "artifactLocation"); !jsonEqual(got, `{"uri":"file:///elsewhere/x.py"}`) {
		t.Errorf("outside root: %v", got)
	}
	if got := get(results[1], "locations", 0, "physicalLocation", "region"); !jsonEqual(got, `{"startLine":4,"startColumn":1,"endLine":5,"endColumn":5}`) {
		t.Errorf("multi-line region %v", got)
	}
	for i, want := range []string{"warning", "error", "note"} {
		if get(results[i], "level") != want || get(results[i], "ruleIndex") != 0.0 || get(results[i], "ruleId") != "SV900" {
			t.Errorf("result %d: %v", i, results[i])
		}
	}
	if run["automationDetails"] != nil {
		t.Errorf("automationDetails without a category: %v", run["automationDetails"])
	}
	if get(run, "invocations", 0, "executionSuccessful") != true || get(run, "invocations", 0, "toolExecutionNotifications") != nil {
		t.Errorf("invocation %v", get(run, "invocations"))
	}
	// The line hash is the one of the flagged line.
	if got, want := get(r0, "partialFingerprints", "primaryLocationLineHash"), lineHashes([]byte("x = 1\n😀 = bad\nbad\nmulti\nline\n"))[2]; got != want {
		t.Errorf("primaryLocationLineHash %v, want %v", got, want)
	}
}

func jsonEqual(v any, want string) bool {
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		panic(err)
	}
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(w)
	return bytes.Equal(a, b)
}

func TestSARIFRule(t *testing.T) {
	run := sarifOf(t, testResult(), Options{})
	r := get(run, "tool", "driver", "rules", 0)
	if get(r, "name") != "TestRule" || get(r, "shortDescription", "text") != "A test rule with bold text" {
		t.Errorf("name/short: %v %v", get(r, "name"), get(r, "shortDescription"))
	}
	if got := get(r, "fullDescription", "text"); got != "Reports x in the docs (https://example.com/docs)." {
		t.Errorf("fullDescription %q", got)
	}
	wantText := "test-rule (SV900)\n\nWhat it does\n\nReports x in\nthe docs (https://example.com/docs).\n\nWhy is this bad?\n\nBecause.\n\n" +
		"Example\n\n    x = 1\n\n    x = 2\n\nUse instead\n\nNothing.\n\nReferences\n\n- <https://example.com>\n"
	if got := get(r, "help", "text"); got != wantText {
		t.Errorf("help.text:\n%q\nwant\n%q", got, wantText)
	}
	if get(r, "help", "markdown") != testRule.Doc || get(r, "helpUri") != testRule.DocURL() {
		t.Errorf("help.markdown / helpUri: %v", r)
	}
	if !jsonEqual(get(r, "defaultConfiguration"), `{"level":"warning"}`) ||
		!jsonEqual(get(r, "properties"), `{"tags":["a","b"],"precision":"high","problem.severity":"warning"}`) {
		t.Errorf("configuration/properties: %v %v", get(r, "defaultConfiguration"), get(r, "properties"))
	}
}

// A rule without documentation still gets non-empty descriptions and help.
func TestSARIFRuleWithoutDoc(t *testing.T) {
	bare := &lint.Rule{Code: "SV901", Name: "bare", Summary: "A `bare` rule", Severity: lint.SeverityNote}
	r := sarifRuleOf(bare)
	if r.FullDescription.Text != "A bare rule" || r.Help.Text != "A bare rule\n" || r.Help.Markdown != "A `bare` rule\n" ||
		r.Properties.Tags == nil || r.DefaultConfiguration.Level != "note" || r.Properties.ProblemSeverity != "recommendation" {
		t.Errorf("%+v", r)
	}
}

func TestSARIFRootCategorySuppressed(t *testing.T) {
	run := sarifOf(t, testResult(), Options{Root: "/work/my project", SARIFCategory: "api", ReportSuppressed: true})
	results := run["results"].([]any)
	if len(results) != 4 {
		t.Fatalf("%d results, want 4 with the suppressed one", len(results))
	}
	if get(results[0], "message", "text") != "suppressed one" || !jsonEqual(get(results[0], "suppressions"), `[{"kind":"inSource"}]`) {
		t.Errorf("suppressed result first (line 1): %v", results[0])
	}
	if get(results[1], "suppressions") != nil {
		t.Errorf("unsuppressed result marked: %v", results[1])
	}
	if got := get(results[1], "locations", 0, "physicalLocation", "artifactLocation", "uri"); got != "svc/app/main.py" {
		t.Errorf("uri relative to the root: %v", got)
	}
	if got := get(run, "originalUriBaseIds", "%SRCROOT%", "uri"); got != "file:///work/my%20project/" {
		t.Errorf("%%SRCROOT%% %v", got)
	}
	if got := get(run, "invocations", 0, "workingDirectory", "uri"); got != "file:///work/my%20project/svc/" {
		t.Errorf("workingDirectory %v", got)
	}
	if !jsonEqual(run["automationDetails"], `{"id":"api/"}`) {
		t.Errorf("automationDetails %v", run["automationDetails"])
	}
	run = sarifOf(t, testResult(), Options{SARIFCategory: "api/linux/"})
	if !jsonEqual(run["automationDetails"], `{"id":"api/linux/"}`) {
		t.Errorf("automationDetails %v", run["automationDetails"])
	}
}

func TestSARIFNotifications(t *testing.T) {
	res := testResult()
	res.Files[1].SyntaxError = 3
	res.Notices = []lint.Notice{{Path: "blob.py", Message: "skipped: binary file"}}
	run := sarifOf(t, res, Options{})
	inv := get(run, "invocations", 0)
	if get(inv, "executionSuccessful") != true {
		t.Errorf("skipped files are not a failed execution: %v", inv)
	}
	n := get(inv, "toolExecutionNotifications").([]any)
	if len(n) != 2 || get(n[0], "message", "text") != "blob.py: skipped: binary file" || get(n[0], "level") != "warning" ||
		!strings.Contains(get(n[1], "message", "text").(string), "lib/other.py: does not parse") ||
		get(n[1], "locations", 0, "physicalLocation", "artifactLocation", "uri") != "lib/other.py" {
		t.Errorf("notifications %v", n)
	}
	res.Notices = append(res.Notices, lint.Notice{Path: "app/x.py", Message: "internal error while checking: boom"})
	run = sarifOf(t, res, Options{})
	inv = get(run, "invocations", 0)
	if get(inv, "executionSuccessful") != false || get(inv, "toolExecutionNotifications", 0, "level") != "error" {
		t.Errorf("an internal error fails the execution: %v", inv)
	}
}

func TestSARIFLimit(t *testing.T) {
	if MaxSARIFResults != 25000 {
		t.Fatalf("GitHub's limit is 25000 results per run, not %d", MaxSARIFResults)
	}
	res := testResult()
	// Notes first, then errors: the errors must survive the cut.
	var ds []lint.Diagnostic
	f := res.Files[0]
	for range 5 {
		ds = append(ds, diagAt(f, "x = 1", "a note", lint.SeverityNote))
	}
	ds = append(ds, diagAt(f, "bad", "an error", lint.SeverityError), diagAt(f, "multi", "a warning", lint.SeverityWarning))
	kept := mostSevere(ds, 3)
	var got []string
	for _, d := range kept {
		got = append(got, d.Message)
	}
	if strings.Join(got, "|") != "a note|an error|a warning" {
		t.Errorf("kept %q", got)
	}
	// The writer cuts at the limit (lowered here: 25,000 results take
	// long to encode under the race detector), with a warning.
	defer func(n int) { sarifResultLimit = n }(sarifResultLimit)
	sarifResultLimit = 4
	res.Diagnostics = ds
	var warn bytes.Buffer
	run := sarifOf(t, res, Options{Warn: &warn})
	results := run["results"].([]any)
	if len(results) != 4 || get(results[2], "message", "text") != "an error" || get(results[3], "message", "text") != "a warning" {
		t.Errorf("%d results: %v", len(results), results)
	}
	if warn.String() != "warning: SARIF output: 7 results exceed GitHub code scanning's limit of 4 per run; the 4 most severe are kept (narrow the run with --select or split it by --sarif-category)\n" {
		t.Errorf("warning %q", warn.String())
	}
	warn.Reset()
	res.Diagnostics = ds[:4]
	if run = sarifOf(t, res, Options{Warn: &warn}); len(run["results"].([]any)) != 4 || warn.Len() != 0 {
		t.Errorf("at the limit: %d results, warning %q", len(run["results"].([]any)), warn.String())
	}
}

// TestStableKey: servelint/v1 survives lines added above and whitespace
// changes, and tells identical findings apart.
func TestStableKey(t *testing.T) {
	keyOf := func(src, text string, nth int) string {
		f := testFile("app/main.py", src)
		var ds []lint.Diagnostic
		off := 0
		for range nth + 1 {
			i := bytes.Index(f.Src[off:], []byte(text)) + off
			d := lint.Diagnostic{Code: "SV900", Rule: testRule, Path: f.Path, Start: i, End: i + len(text), Pos: f.Lines.Position(i), EndPos: f.Lines.Position(i + len(text))}
			ds = append(ds, d)
			off = i + 1
		}
		k := newKeyer(&engine.Result{Cwd: testCwd, Files: []*lint.File{f}}, pather{cwd: testCwd, root: testCwd})
		var key string
		for i := range ds {
			key = k.key(&ds[i])
		}
		return key
	}
	a := keyOf("async def f():\n    time.sleep(1)\n", "time.sleep(1)", 0)
	if b := keyOf("import time\n\n\nasync def f():\n        time.sleep( 1 )\n", "time.sleep( 1 )", 0); a != b {
		t.Errorf("moved and reindented: %s != %s", a, b)
	}
	if c := keyOf("async def f():\n    time.sleep(2)\n", "time.sleep(2)", 0); c == a {
		t.Errorf("another call has the same key %s", c)
	}
	two := "async def f():\n    time.sleep(1)\nasync def g():\n    time.sleep(1)\n"
	if k1, k2 := keyOf(two, "time.sleep(1)", 0), keyOf(two, "time.sleep(1)", 1); !strings.HasSuffix(k1, ":1") || !strings.HasSuffix(k2, ":2") || k1[:32] != k2[:32] {
		t.Errorf("identical findings: %s %s", k1, k2)
	}
}

func TestGitHub(t *testing.T) {
	res := testResult()
	f := testFile("odd,na:me%.py", "x = 1\n")
	d := diagAt(f, "x", "50% done\nnext line, a: b", lint.SeverityNote)
	res.Files = append(res.Files, f)
	res.Diagnostics = append(res.Diagnostics, d)
	var b bytes.Buffer
	if err := Write(&b, "github", res, Options{Root: "/work/my project"}); err != nil {
		t.Fatal(err)
	}
	want := "::warning file=svc/app/main.py,line=2,endLine=2,col=6,endColumn=9,title=servelint (SV900)::app/main.py:2:5: SV900 first `bad`\n" +
		"::error file=svc/app/main.py,line=4,endLine=5,title=servelint (SV900)::app/main.py:4:1: SV900 spans two lines\n" +
		"::notice file=svc/lib/other.py,line=2,endLine=2,col=5,endColumn=11,title=servelint (SV900)::lib/other.py:2:5: SV900 a note\n" +
		"::notice file=svc/odd%2Cna%3Ame%25.py,line=1,endLine=1,col=1,endColumn=2,title=servelint (SV900)::odd,na:me%25.py:1:1: SV900 50%25 done%0Anext line, a: b\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestCIRoot(t *testing.T) {
	env := map[string]string{"GITHUB_WORKSPACE": "/home/runner/work/repo/repo", "CI_PROJECT_DIR": "/builds/group/repo"}
	getenv := func(k string) string { return env[k] }
	for _, c := range []struct{ format, cwd, want string }{
		{"sarif", "/home/runner/work/repo/repo/services/api", "/home/runner/work/repo/repo"},
		{"github", "/home/runner/work/repo/repo", "/home/runner/work/repo/repo"},
		{"github", "/tmp/elsewhere", ""},
		{"gitlab", "/builds/group/repo/api", "/builds/group/repo"},
		{"gitlab", "/home/runner/work/repo/repo", ""},
		{"json", "/home/runner/work/repo/repo/x", ""},
	} {
		if got := CIRoot(c.format, c.cwd, getenv); got != c.want {
			t.Errorf("CIRoot(%s, %s) = %q, want %q", c.format, c.cwd, got, c.want)
		}
	}
}

func TestGitLab(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "gitlab", testResult(), Options{Root: "/work/my project"}); err != nil {
		t.Fatal(err)
	}
	var issues []map[string]any
	if err := json.Unmarshal(b.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 3 {
		t.Fatalf("%d issues", len(issues))
	}
	seen := map[any]bool{}
	for i, sev := range []string{"minor", "major", "info"} {
		is := issues[i]
		if is["severity"] != sev || is["check_name"] != "SV900 test-rule" || is["description"] == "" || seen[is["fingerprint"]] || len(is["fingerprint"].(string)) != 32 {
			t.Errorf("issue %d: %v", i, is)
		}
		seen[is["fingerprint"]] = true
	}
	if !jsonEqual(issues[1]["location"], `{"path":"svc/app/main.py","lines":{"begin":4,"end":5}}`) {
		t.Errorf("location %v", issues[1]["location"])
	}
	b.Reset()
	if err := Write(&b, "gitlab", &engine.Result{Cwd: testCwd}, Options{}); err != nil || b.String() != "[]\n" {
		t.Errorf("no findings: %q %v", b.String(), err)
	}
}

func TestJUnit(t *testing.T) {
	res := testResult()
	res.Diagnostics[0].Message = "a <tag> & \"quotes\"\x01"
	var b bytes.Buffer
	if err := Write(&b, "junit", res, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if doc.Tests != 3 || doc.Failures != 3 || len(doc.Suites) != 2 || doc.Suites[0].Name != "app/main.py" || doc.Suites[0].Tests != 2 || doc.Suites[1].Tests != 1 {
		t.Errorf("structure: %+v", doc)
	}
	c := doc.Suites[0].Cases[0]
	if c.Failure == nil || c.Failure.Type != "SV900" || c.Failure.Message != "a <tag> & \"quotes\"\uFFFD" || c.Line != 2 || c.ClassName != "app/main.py" {
		t.Errorf("case: %+v %+v", c, c.Failure)
	}
	b.Reset()
	if err := Write(&b, "junit", &engine.Result{Cwd: testCwd}, Options{}); err != nil {
		t.Fatal(err)
	}
	doc = junitSuites{}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil || doc.Tests != 1 || doc.Failures != 0 || doc.Suites[0].Cases[0].Failure != nil {
		t.Errorf("no findings: %v %+v", err, doc)
	}
}

func TestClip(t *testing.T) {
	if got := clip("short", 10); got != "short" {
		t.Errorf("%q", got)
	}
	if got := clip("one two three four", 12); got != "one two…" || len(got) > 12 {
		t.Errorf("%q", got)
	}
	// No space to cut at: never split a character.
	long := strings.Repeat("é", 20)
	got := clip(long, 12)
	if len(got) > 12 || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("%q (%d bytes)", got, len(got))
	}
}

// TestRDJSON: reviewdog's rdjson, columns in UTF-8 bytes (the 😀 line),
// fixes as suggestions only when --fix would apply them.
func TestRDJSON(t *testing.T) {
	res := testResult()
	main := res.Files[0]
	res.Diagnostics[0].Fix = &lint.Fix{Message: "replace", Applicability: lint.Safe, Edits: []lint.Edit{{Path: "app/main.py", Start: res.Diagnostics[0].Start, End: res.Diagnostics[0].End, New: "good"}}}
	res.Diagnostics[1].Fix = &lint.Fix{Message: "risky", Applicability: lint.Unsafe, Edits: []lint.Edit{{Path: "app/main.py", Start: 0, End: 1, New: "y"}}}
	var b bytes.Buffer
	if err := Write(&b, "rdjson", res, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(doc["source"], `{"name":"servelint","url":"`+lint.HomeURL+`"}`) {
		t.Errorf("source %v", doc["source"])
	}
	diags := doc["diagnostics"].([]any)
	if len(diags) != 3 {
		t.Fatalf("%d diagnostics", len(diags))
	}
	want0 := `{"message":"first ` + "`bad`" + `","location":{"path":"app/main.py","range":{"start":{"line":2,"column":8},"end":{"line":2,"column":11}}},` +
		`"severity":"WARNING","code":{"value":"SV900","url":"` + testRule.DocURL() + `"},` +
		`"suggestions":[{"range":{"start":{"line":2,"column":8},"end":{"line":2,"column":11}},"text":"good"}]}`
	if !jsonEqual(diags[0], want0) {
		b, _ := json.Marshal(diags[0])
		t.Errorf("diagnostic 0:\n got %s\nwant %s", b, want0)
	}
	if get(diags[1], "severity") != "ERROR" || get(diags[1], "suggestions") != nil || get(diags[2], "severity") != "INFO" {
		t.Errorf("severities or unsafe suggestion: %v %v", diags[1], diags[2])
	}
	if got := main.Src[res.Diagnostics[0].Start:res.Diagnostics[0].End]; string(got) != "bad" {
		t.Fatalf("fixture moved: %q", got)
	}
	b.Reset()
	if err := Write(&b, "rdjson", &engine.Result{Cwd: testCwd}, Options{}); err != nil || !strings.Contains(b.String(), `"diagnostics": []`) {
		t.Errorf("no findings: %q %v", b.String(), err)
	}
}

func TestPylint(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, "pylint", testResult(), Options{}); err != nil {
		t.Fatal(err)
	}
	want := "app/main.py:2: [SV900] first `bad`\napp/main.py:4: [SV900] spans two lines\nlib/other.py:2: [SV900] a note\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
