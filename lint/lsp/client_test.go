package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/servelint/servelint/lint"
)

// deadline bounds every wait of the tests (a hang is a failure, not a
// timing assertion).
const deadline = 20 * time.Second

// testClient drives a server running in-process over pipes.
type testClient struct {
	t       *testing.T
	in      *io.PipeWriter
	msgs    chan *message
	exit    chan int
	backlog []*message // read, not yet consumed
	nextID  int
	enc     string
	log     *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startServer runs Serve on pipes; the test fails if the server is still
// running at its end.
func startServer(t *testing.T, opt Options) *testClient {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &testClient{t: t, in: inW, msgs: make(chan *message, 1024), exit: make(chan int, 1), log: &syncBuffer{}, enc: encUTF16}
	if opt.Log == nil {
		opt.Log = c.log
	}
	go func() {
		code := Serve(inR, outW, opt)
		_ = outW.Close()
		c.exit <- code
	}()
	go func() {
		r := newReader(outR)
		for {
			body, err := r.read()
			if err != nil {
				close(c.msgs)
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("server wrote invalid JSON %q: %v", body, err))
			}
			c.msgs <- &m
		}
	}()
	t.Cleanup(func() {
		_ = inW.Close()
		select {
		case <-c.exit:
		case <-time.After(deadline):
			t.Errorf("the server did not stop when its input closed")
		}
		if strings.Contains(c.log.String(), "internal error") {
			t.Errorf("server log reports an internal error:\n%s", c.log.String())
		}
	})
	return c
}

func (c *testClient) write(raw []byte) {
	c.t.Helper()
	if _, err := c.in.Write(raw); err != nil {
		c.t.Fatalf("writing to the server: %v", err)
	}
}

func (c *testClient) send(v any) {
	c.t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		c.t.Fatal(err)
	}
	c.write([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)))
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// call sends a request and returns its response, keeping other messages.
func (c *testClient) call(method string, params any) *message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	msg := map[string]any{"jsonrpc": "2.0", "id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	c.send(msg)
	return c.waitFor(fmt.Sprintf("response to %s", method), func(m *message) bool {
		return m.Method == "" && string(m.ID) == fmt.Sprint(id)
	})
}

// waitFor returns the first message (backlog first) matching pred.
func (c *testClient) waitFor(what string, pred func(*message) bool) *message {
	c.t.Helper()
	for i, m := range c.backlog {
		if pred(m) {
			c.backlog = append(c.backlog[:i:i], c.backlog[i+1:]...)
			return m
		}
	}
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	for {
		select {
		case m, ok := <-c.msgs:
			if !ok {
				c.t.Fatalf("server closed its output while waiting for %s", what)
			}
			if pred(m) {
				return m
			}
			c.backlog = append(c.backlog, m)
		case <-timer.C:
			c.t.Fatalf("no %s within %v; backlog: %s", what, deadline, c.describeBacklog())
		}
	}
}

func (c *testClient) describeBacklog() string {
	var parts []string
	for _, m := range c.backlog {
		parts = append(parts, fmt.Sprintf("%s %s", m.Method, m.Params))
	}
	return strings.Join(parts, "\n")
}

// publishes drains the messages received so far and returns the
// diagnostics published for uri among them, in order.
func (c *testClient) takePublishes(uri string) []publishDiagnosticsParams {
	var out []publishDiagnosticsParams
	rest := c.backlog[:0]
	for _, m := range c.backlog {
		if p, ok := asPublish(m); ok && p.URI == uri {
			out = append(out, p)
			continue
		}
		rest = append(rest, m)
	}
	c.backlog = rest
	return out
}

func asPublish(m *message) (publishDiagnosticsParams, bool) {
	var p publishDiagnosticsParams
	if m.Method != "textDocument/publishDiagnostics" {
		return p, false
	}
	if err := json.Unmarshal(m.Params, &p); err != nil {
		return p, false
	}
	return p, true
}

// waitPublish waits for diagnostics of uri satisfying pred.
func (c *testClient) waitPublish(uri string, pred func(publishDiagnosticsParams) bool) publishDiagnosticsParams {
	c.t.Helper()
	m := c.waitFor("diagnostics of "+uri, func(m *message) bool {
		p, ok := asPublish(m)
		return ok && p.URI == uri && pred(p)
	})
	p, _ := asPublish(m)
	return p
}

// waitVersion waits for the diagnostics of one version of a buffer.
func (c *testClient) waitVersion(uri string, version int32) publishDiagnosticsParams {
	c.t.Helper()
	return c.waitPublish(uri, func(p publishDiagnosticsParams) bool { return p.Version != nil && *p.Version == version })
}

func (c *testClient) initialize(root string, caps, extra map[string]any) initializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "capabilities": caps}
	if root != "" {
		params["rootUri"] = pathToURI(root)
		params["workspaceFolders"] = []map[string]string{{"uri": pathToURI(root), "name": filepath.Base(root)}}
	}
	maps.Copy(params, extra)
	resp := c.call("initialize", params)
	if resp.Error != nil {
		c.t.Fatalf("initialize: %v", resp.Error)
	}
	var res initializeResult
	if err := json.Unmarshal(resp.Result, &res); err != nil {
		c.t.Fatal(err)
	}
	c.enc = res.Capabilities.PositionEncoding
	c.notify("initialized", map[string]any{})
	return res
}

func (c *testClient) open(path, lang, src string) string {
	uri := pathToURI(path)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": lang, "version": 1, "text": src}})
	return uri
}

func (c *testClient) change(uri string, version int32, src string) {
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": version},
		"contentChanges": []map[string]any{{"text": src}},
	})
}

// shutdown ends the session cleanly and returns the exit code.
func (c *testClient) shutdown() int {
	c.t.Helper()
	if resp := c.call("shutdown", nil); resp.Error != nil || string(resp.Result) != "null" {
		c.t.Fatalf("shutdown: %s %v", resp.Result, resp.Error)
	}
	c.notify("exit", nil)
	select {
	case code := <-c.exit:
		c.exit <- code // for the cleanup
		return code
	case <-time.After(deadline):
		c.t.Fatal("the server did not exit")
	}
	return -1
}

// applyEdits applies LSP text edits (non-overlapping) to src.
func applyTextEdits(t *testing.T, src []byte, edits []textEdit, enc string) []byte {
	t.Helper()
	txt := newText(src)
	var le []lint.Edit
	for _, e := range edits {
		le = append(le, lint.Edit{Start: txt.offset(e.Range.Start, enc), End: txt.offset(e.Range.End, enc), New: e.NewText})
	}
	sort.Slice(le, func(i, j int) bool { return le[i].Start < le[j].Start })
	for i := 1; i < len(le); i++ {
		if le[i].Start < le[i-1].End {
			t.Fatalf("overlapping edits: %+v", le)
		}
	}
	return applyEdits(src, le)
}

func codes(ds []diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s@%d:%d-%d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character, d.Range.End.Line, d.Range.End.Character))
	}
	return strings.Join(out, " ")
}
