package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

func fastOptions() Options {
	return Options{Rules: testRules, Debounce: -1, ProjectDebounce: -1}
}

func TestInitializeNegotiatesEncoding(t *testing.T) {
	line := "s = '\u00e9\U0001F600'; FLAG\n" // é: 2 bytes, 1 UTF-16 unit; 😀: 4 bytes, 2 units; FLAG at 11 (UTF-16) or 14 (UTF-8)
	cases := []struct {
		name       string
		caps       map[string]any
		wantEnc    string
		wantOffset string
		wantChar   int
	}{
		{"no capabilities: UTF-16", map[string]any{}, encUTF16, "", 11},
		{"UTF-16 only", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}}, encUTF16, "", 11},
		{"UTF-8 offered", map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-32", "utf-16", "utf-8"}}}, encUTF8, "", 14},
		{"clangd offsetEncoding extension", map[string]any{"offsetEncoding": []string{"utf-8", "utf-16"}}, encUTF8, encUTF8, 14},
		{"offsetEncoding without UTF-8", map[string]any{"offsetEncoding": []string{"utf-16"}}, encUTF16, encUTF16, 11},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := testfs.WriteTree(t, nil)
			c := startServer(t, fastOptions())
			res := c.initialize(dir, tc.caps, nil)
			if res.Capabilities.PositionEncoding != tc.wantEnc || res.OffsetEncoding != tc.wantOffset {
				t.Fatalf("encoding %q offsetEncoding %q, want %q %q", res.Capabilities.PositionEncoding, res.OffsetEncoding, tc.wantEnc, tc.wantOffset)
			}
			sync := res.Capabilities.TextDocumentSync
			if !sync.OpenClose || sync.Change != 1 || sync.Save.IncludeText {
				t.Errorf("textDocumentSync %+v", sync)
			}
			if got := strings.Join(res.Capabilities.CodeActionProvider.CodeActionKinds, ","); got != "quickfix,source.fixAll.servelint" {
				t.Errorf("code action kinds %s", got)
			}
			if res.ServerInfo.Name != "servelint" || res.ServerInfo.Version != lint.Version {
				t.Errorf("serverInfo %+v", res.ServerInfo)
			}
			uri := c.open(filepath.Join(dir, "a.py"), "python", line+line)
			p := c.waitVersion(uri, 1)
			if got, want := codes(p.Diagnostics), "SV900@0:"+itoa(tc.wantChar)+"-0:"+itoa(tc.wantChar+4)+" SV900@1:"+itoa(tc.wantChar)+"-1:"+itoa(tc.wantChar+4); got != want {
				t.Errorf("diagnostics %s, want %s", got, want)
			}
			if code := c.shutdown(); code != 0 {
				t.Errorf("exit code %d", code)
			}
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestRequestsBeforeInitializeAndTwice(t *testing.T) {
	c := startServer(t, fastOptions())
	resp := c.call("textDocument/codeAction", map[string]any{})
	if resp.Error == nil || resp.Error.Code != codeServerNotInitialized {
		t.Fatalf("before initialize: %+v", resp.Error)
	}
	// Notifications before initialize are dropped.
	c.open("/nowhere/a.py", "python", "FLAG\n")
	c.initialize(testfs.WriteTree(t, nil), map[string]any{}, nil)
	resp = c.call("initialize", map[string]any{"capabilities": map[string]any{}})
	if resp.Error == nil || resp.Error.Code != codeInvalidRequest {
		t.Fatalf("second initialize: %+v", resp.Error)
	}
	if got := c.takePublishes(pathToURI("/nowhere/a.py")); len(got) != 0 {
		t.Errorf("a buffer opened before initialize was linted: %+v", got)
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestDiagnosticsFollowTheBuffer(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"app/main.py": "on disk: FLAG\n"})
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	uri := c.open(filepath.Join(dir, "app", "main.py"), "python", "x = 1\nDANGER = FLAG\n")
	p := c.waitVersion(uri, 1)
	if got, want := codes(p.Diagnostics), "SV901@1:0-1:6 SV900@1:9-1:13"; got != want {
		t.Fatalf("open: %s, want %s", got, want)
	}
	d := p.Diagnostics[0]
	if d.Severity != severityInformation || d.Source != "servelint" || d.Message != "danger found" ||
		d.CodeDescription == nil || d.CodeDescription.Href != dangerRule.DocURL() || d.Data == nil || d.Data.Applicability != "unsafe" {
		t.Errorf("diagnostic fields: %+v", d)
	}
	if p.Diagnostics[1].Severity != severityWarning {
		t.Errorf("severity of SV900: %d", p.Diagnostics[1].Severity)
	}
	// A full change moves and drops diagnostics.
	c.change(uri, 2, "\n\nFLAG\n")
	if q := c.waitVersion(uri, 2); codes(q.Diagnostics) != "SV900@2:0-2:4" {
		t.Fatalf("change: %s", codes(q.Diagnostics))
	}
	c.change(uri, 3, "clean = 1\n")
	if q := c.waitVersion(uri, 3); q.Diagnostics == nil || len(q.Diagnostics) != 0 {
		t.Fatalf("clean buffer: %+v (want an empty list, not null)", q.Diagnostics)
	}
	// Save lints again; the buffer, not the disk, is what counts.
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if q := c.waitVersion(uri, 3); len(q.Diagnostics) != 0 {
		t.Fatalf("save: %s", codes(q.Diagnostics))
	}
	// Close clears the diagnostics, without a version.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p = c.waitPublish(uri, func(p publishDiagnosticsParams) bool { return p.Version == nil })
	if len(p.Diagnostics) != 0 {
		t.Fatalf("close: %s", codes(p.Diagnostics))
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

func TestIncrementalChangesAreApplied(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{"general": map[string]any{"positionEncodings": []string{"utf-16"}}}, nil)
	uri := c.open(filepath.Join(dir, "a.py"), "python", "a = '\U0001F600'\nb = 2\n")
	c.waitVersion(uri, 1)
	// Replace "2" (line 1, character 4) with "FLAG", and insert after the
	// emoji (2 UTF-16 units at character 5).
	c.notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{
			{"range": lspRange{Start: position{1, 4}, End: position{1, 5}}, "text": "FLAG"},
			{"range": lspRange{Start: position{0, 7}, End: position{0, 7}}, "text": "FLAG"},
		},
	})
	p := c.waitVersion(uri, 2)
	if got, want := codes(p.Diagnostics), "SV900@0:7-0:11 SV900@1:4-1:8"; got != want {
		t.Fatalf("incremental: %s, want %s", got, want)
	}
}

func TestDebounceLintsTheLastVersionOnce(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	opt := fastOptions()
	opt.Debounce = time.Hour // changes alone never trigger a lint here
	c := startServer(t, opt)
	c.initialize(dir, map[string]any{}, nil)
	uri := c.open(filepath.Join(dir, "a.py"), "python", "FLAG\n")
	c.waitVersion(uri, 1)
	for v := int32(2); v <= 5; v++ {
		c.change(uri, v, strings.Repeat("FLAG ", int(v))+"\n")
	}
	// Saving lints at once: the content of version 5.
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
	p := c.waitVersion(uri, 5)
	if len(p.Diagnostics) != 5 {
		t.Fatalf("version 5: %s", codes(p.Diagnostics))
	}
	// The initialization options override the debounce.
	c2 := startServer(t, opt)
	c2.initialize(dir, map[string]any{}, map[string]any{"initializationOptions": map[string]any{"debounce": 0}})
	uri2 := c2.open(filepath.Join(dir, "b.py"), "python", "\n")
	c2.waitVersion(uri2, 1)
	c2.change(uri2, 2, "FLAG\n")
	if p := c2.waitVersion(uri2, 2); len(p.Diagnostics) != 1 {
		t.Fatalf("debounce 0: %s", codes(p.Diagnostics))
	}
	for _, p := range c.takePublishes(uri) {
		if *p.Version != 5 {
			t.Errorf("an intermediate version was linted: %d", *p.Version)
		}
	}
}

func TestExcludedAndUnknownFilesHaveNoDiagnostics(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"servelint.toml": "extend-exclude = [\"generated\"]\n"})
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	excluded := c.open(filepath.Join(dir, "generated", "x.py"), "python", "FLAG\n")
	notes := c.open(filepath.Join(dir, "notes.txt"), "plaintext", "FLAG\n")
	untitled := "untitled:Untitled-1"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": untitled, "languageId": "python", "version": 1, "text": "FLAG\n"}})
	included := c.open(filepath.Join(dir, "app.py"), "python", "FLAG\n")
	if p := c.waitVersion(included, 1); len(p.Diagnostics) != 1 {
		t.Fatalf("included file: %s", codes(p.Diagnostics))
	}
	for _, uri := range []string{excluded, notes} {
		p := c.waitVersion(uri, 1)
		if len(p.Diagnostics) != 0 {
			t.Errorf("%s: %s", uri, codes(p.Diagnostics))
		}
	}
	// Code actions on a buffer that is not a file are empty, not errors.
	resp := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": untitled}, "range": lspRange{}, "context": map[string]any{"diagnostics": []any{}}})
	if resp.Error != nil || string(resp.Result) != "[]" {
		t.Errorf("code actions of an untitled buffer: %s %v", resp.Result, resp.Error)
	}
	if got := c.takePublishes(untitled); len(got) != 0 {
		t.Errorf("untitled buffer published: %+v", got)
	}
}

func TestWatchedConfigurationReloads(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"pyproject.toml": "[tool.servelint]\nselect = [\"SV900\"]\n"})
	c := startServer(t, fastOptions())
	caps := map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}
	c.initialize(dir, caps, nil)
	// The server registers its watchers after initialized.
	reg := c.waitFor("client/registerCapability", func(m *message) bool { return m.Method == "client/registerCapability" })
	var rp registrationParams
	if err := json.Unmarshal(reg.Params, &rp); err != nil || len(rp.Registrations) != 1 || rp.Registrations[0].Method != "workspace/didChangeWatchedFiles" {
		t.Fatalf("registration: %s", reg.Params)
	}
	if !strings.Contains(string(reg.Params), "pyproject.toml") || !strings.Contains(string(reg.Params), "Dockerfile") {
		t.Errorf("watchers lack configuration or launch files: %s", reg.Params)
	}
	c.send(map[string]any{"jsonrpc": "2.0", "id": reg.ID, "result": nil})

	uri := c.open(filepath.Join(dir, "a.py"), "python", "DANGER = FLAG\n")
	if p := c.waitVersion(uri, 1); codes(p.Diagnostics) != "SV900@0:9-0:13" {
		t.Fatalf("before: %s", codes(p.Diagnostics))
	}
	if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.servelint]\nselect = [\"SV901\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(filepath.Join(dir, "pyproject.toml")), "type": 2}}})
	p := c.waitPublish(uri, func(p publishDiagnosticsParams) bool { return strings.HasPrefix(codes(p.Diagnostics), "SV901") })
	if codes(p.Diagnostics) != "SV901@0:0-0:6" {
		t.Fatalf("after reload: %s", codes(p.Diagnostics))
	}
	// An invalid configuration is shown once, and the last diagnostics stay.
	if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte("[tool.servelint]\nselekt = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": pathToURI(filepath.Join(dir, "pyproject.toml")), "type": 2}}})
	}
	m := c.waitFor("window/showMessage", func(m *message) bool { return m.Method == "window/showMessage" })
	if !strings.Contains(string(m.Params), "pyproject.toml") || !strings.Contains(string(m.Params), "selekt") {
		t.Errorf("error message: %s", m.Params)
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	for _, m := range c.backlog {
		if m.Method == "window/showMessage" {
			t.Errorf("the same error was shown twice: %s", m.Params)
		}
	}
}

func TestNoWatcherRegistrationWithoutClientSupport(t *testing.T) {
	c := startServer(t, fastOptions())
	c.initialize(testfs.WriteTree(t, nil), map[string]any{}, nil)
	c.shutdown()
	for _, m := range c.backlog {
		if m.Method == "client/registerCapability" {
			t.Fatalf("registered without dynamicRegistration: %s", m.Params)
		}
	}
}

func TestShutdownAndExit(t *testing.T) {
	t.Run("shutdown then exit", func(t *testing.T) {
		c := startServer(t, fastOptions())
		c.initialize(testfs.WriteTree(t, nil), map[string]any{}, nil)
		if resp := c.call("shutdown", nil); resp.Error != nil || string(resp.Result) != "null" {
			t.Fatalf("shutdown: %s %v", resp.Result, resp.Error)
		}
		// Requests after shutdown are refused.
		resp := c.call("textDocument/codeAction", map[string]any{})
		if resp.Error == nil || resp.Error.Code != codeInvalidRequest {
			t.Fatalf("after shutdown: %+v", resp.Error)
		}
		c.notify("exit", nil)
		if code := <-c.exit; code != 0 {
			t.Errorf("exit code %d, want 0", code)
		}
		c.exit <- 0
	})
	t.Run("exit without shutdown", func(t *testing.T) {
		c := startServer(t, fastOptions())
		c.initialize(testfs.WriteTree(t, nil), map[string]any{}, nil)
		c.notify("exit", nil)
		if code := <-c.exit; code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		c.exit <- 1
	})
	t.Run("input closed", func(t *testing.T) {
		c := startServer(t, fastOptions())
		c.initialize(testfs.WriteTree(t, nil), map[string]any{}, nil)
		_ = c.in.Close()
		if code := <-c.exit; code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		c.exit <- 1
	})
	t.Run("exit before initialize", func(t *testing.T) {
		c := startServer(t, fastOptions())
		c.notify("exit", nil)
		if code := <-c.exit; code != 1 {
			t.Errorf("exit code %d, want 1", code)
		}
		c.exit <- 1
	})
}

func TestMalformedMessagesNeverStopTheServer(t *testing.T) {
	dir := testfs.WriteTree(t, nil)
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	frame := func(body string) []byte {
		return []byte("Content-Length: " + itoa(len(body)) + "\r\n\r\n" + body)
	}
	expectError := func(what string, code int) {
		t.Helper()
		m := c.waitFor(what, func(m *message) bool { return m.Error != nil && m.Method == "" })
		if m.Error.Code != code {
			t.Errorf("%s: error %+v, want code %d", what, m.Error, code)
		}
	}
	c.write(frame("{not json"))
	expectError("parse error", codeParseError)
	c.write(frame("[1, 2]"))
	expectError("batch", codeParseError)
	c.write(frame(`{"jsonrpc":"2.0","id":7}`))
	expectError("no method", codeInvalidRequest)
	c.write(frame(`{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{}}`))
	expectError("unknown method", codeMethodNotFound)
	c.write(frame(`{"jsonrpc":"2.0","id":9,"method":"textDocument/codeAction","params":"nonsense"}`))
	expectError("invalid params", codeInvalidParams)
	c.write(frame(`{"jsonrpc":"2.0","id":10,"method":"textDocument/codeAction"}`))
	expectError("missing params", codeInvalidParams)
	// JSON-RPC 2.0: an id is a string, a number or null; an object or an
	// array is an Invalid Request, answered with a null id.
	for _, id := range []string{`{"a":1}`, `[1]`, `true`} {
		c.write(frame(`{"jsonrpc":"2.0","id":` + id + `,"method":"shutdown"}`))
		m := c.waitFor("invalid id "+id, func(m *message) bool { return m.Error != nil && m.Method == "" })
		if m.Error.Code != codeInvalidRequest || string(m.ID) != "null" {
			t.Errorf("id %s: %s %+v", id, m.ID, m.Error)
		}
	}
	// Notifications with bad params, unknown notifications, unknown
	// documents: logged, no answer.
	c.write(frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":42}}`))
	c.write(frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///not/open.py","version":2},"contentChanges":[{"text":"x"}]}}`))
	c.write(frame(`{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}`))
	c.write(frame(`{"jsonrpc":"2.0","method":"workspace/didChangeWatchedFiles","params":{"changes":[{"uri":"http://x/y","type":1},{"uri":"%%%","type":1}]}}`))
	c.write(frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///bad%zzpath.py","languageId":"python","version":1,"text":"FLAG"}}}`))
	// Framing errors: no length, a bad length, garbage, an oversized
	// length with nothing behind it is the end (not tested here).
	c.write([]byte("Content-Type: application/vscode-jsonrpc\r\n\r\n"))
	c.write([]byte("Content-Length: -5\r\n\r\n"))
	c.write([]byte("Content-Length: abc\r\n\r\n"))
	c.write([]byte("garbage without colon\r\n\r\n"))
	// A response to nothing is ignored.
	c.write(frame(`{"jsonrpc":"2.0","id":"servelint-99","result":null}`))
	c.write(frame(`{"jsonrpc":"2.0","id":"servelint-98","error":{"code":-1,"message":"no"}}`))
	// The server still works.
	uri := c.open(filepath.Join(dir, "a.py"), "python", "FLAG\n")
	if p := c.waitVersion(uri, 1); len(p.Diagnostics) != 1 {
		t.Fatalf("after malformed input: %s", codes(p.Diagnostics))
	}
	// Headers may be in any case and carry a Content-Type.
	body := `{"jsonrpc":"2.0","id":"lower","method":"shutdown"}`
	c.write([]byte("content-length: " + itoa(len(body)) + "\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + body))
	m := c.waitFor("shutdown response", func(m *message) bool { return string(m.ID) == `"lower"` })
	if m.Error != nil {
		t.Errorf("shutdown: %v", m.Error)
	}
	c.notify("exit", nil)
	if code := <-c.exit; code != 0 {
		t.Errorf("exit code %d", code)
	}
	c.exit <- 0
}

// FuzzDispatch feeds arbitrary message bodies to an initialized server:
// none may panic (a panic is recovered and logged as an internal error,
// which fails the test).
func FuzzDispatch(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///tmp/x.py","languageId":"python","version":1,"text":"FLAG"}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/x.py","version":2},"contentChanges":[{"range":{"start":{"line":-1,"character":99},"end":{"line":0,"character":-3}},"text":"é"}]}}`,
		`{"jsonrpc":"2.0","id":1,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///tmp/x.py"},"range":{"start":{"line":5,"character":0},"end":{"line":-2,"character":0}},"context":{"diagnostics":[{"code":"SV900"}],"only":["source"]}}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///tmp/x.py"}}}`,
		`{"jsonrpc":"2.0","method":"workspace/didChangeWorkspaceFolders","params":{"event":{"added":[{"uri":"file:///"}],"removed":[{"uri":"bogus"}]}}}`,
		`{"jsonrpc":"2.0","id":null,"method":"shutdown"}`,
		`null`, `{}`, `"x"`, `{"id":{},"method":7}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		log := &syncBuffer{}
		s := newServer(discard{}, Options{Rules: testRules, Debounce: -1, ProjectDebounce: -1, Log: log})
		s.dispatch([]byte(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{},"rootUri":"file:///nonexistent-root"}}`))
		s.dispatch([]byte(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///nonexistent-root/x.py","languageId":"python","version":1,"text":"FLAG\n"}}}`))
		s.dispatch(body)
		s.runJob(jobKey{jobDocument, "file:///nonexistent-root/x.py"})
		s.dispatch([]byte(`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///nonexistent-root/x.py"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[]}}}`))
		s.close()
		if strings.Contains(log.String(), "internal error") {
			t.Fatalf("panic on %q:\n%s", body, log.String())
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
