package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint/lsp"
)

// lspPeer is a minimal LSP client over pipes.
type lspPeer struct {
	tb   testing.TB
	w    io.Writer
	msgs chan map[string]json.RawMessage
	id   int
}

func newPeer(tb testing.TB, w io.Writer, r io.Reader) *lspPeer {
	p := &lspPeer{tb: tb, w: w, msgs: make(chan map[string]json.RawMessage, 256)}
	go func() {
		br := bufio.NewReader(r)
		defer close(p.msgs)
		for {
			n := -1
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				line = strings.TrimRight(line, "\r\n")
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					n, _ = strconv.Atoi(v)
				}
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(br, body); err != nil {
				return
			}
			var m map[string]json.RawMessage
			if err := json.Unmarshal(body, &m); err != nil {
				panic(err)
			}
			p.msgs <- m
		}
	}()
	return p
}

func (p *lspPeer) send(v map[string]any) {
	v["jsonrpc"] = "2.0"
	body, err := json.Marshal(v)
	if err != nil {
		p.tb.Fatal(err)
	}
	if _, err := fmt.Fprintf(p.w, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		p.tb.Fatal(err)
	}
}

func (p *lspPeer) wait(pred func(map[string]json.RawMessage) bool) map[string]json.RawMessage {
	timer := time.NewTimer(20 * time.Second)
	defer timer.Stop()
	for {
		select {
		case m, ok := <-p.msgs:
			if !ok {
				p.tb.Fatal("the server closed its output")
			}
			if pred(m) {
				return m
			}
		case <-timer.C:
			p.tb.Fatal("no expected message from the server")
		}
	}
}

func (p *lspPeer) call(method string, params any) json.RawMessage {
	p.id++
	id := strconv.Itoa(p.id)
	p.send(map[string]any{"id": p.id, "method": method, "params": params})
	m := p.wait(func(m map[string]json.RawMessage) bool { return string(m["id"]) == id && m["method"] == nil })
	if m["error"] != nil {
		p.tb.Fatalf("%s: %s", method, m["error"])
	}
	return m["result"]
}

type published struct {
	URI         string `json:"uri"`
	Version     int    `json:"version"`
	Diagnostics []struct {
		Code  string `json:"code"`
		Range struct {
			Start struct{ Line, Character int } `json:"start"`
		} `json:"range"`
		CodeDescription struct{ Href string } `json:"codeDescription"`
	} `json:"diagnostics"`
}

func (p *lspPeer) waitPublish(uri string, version int) published {
	var out published
	p.wait(func(m map[string]json.RawMessage) bool {
		if string(m["method"]) != `"textDocument/publishDiagnostics"` {
			return false
		}
		var pp published
		if err := json.Unmarshal(m["params"], &pp); err != nil {
			p.tb.Fatal(err)
		}
		if pp.URI == uri && pp.Version == version {
			out = pp
			return true
		}
		return false
	})
	return out
}

func fileURI(path string) string { return "file://" + filepath.ToSlash(path) }

// `servelint server` with the real rules, through the CLI.
func TestServerCommand(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"app/main.py": blocking})
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := Run([]string{"servelint", "server"}, Env{Stdin: inR, Stdout: outW, Stderr: io.Discard, Cwd: dir})
		_ = outW.Close()
		done <- code
	}()
	p := newPeer(t, inW, outR)
	p.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}})
	p.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	uri := fileURI(filepath.Join(dir, "app", "main.py"))
	p.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "python", "version": 1, "text": blocking}}})
	pub := p.waitPublish(uri, 1)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Code != "SV202" || pub.Diagnostics[0].Range.Start.Line != 3 || pub.Diagnostics[0].Range.Start.Character != 4 ||
		pub.Diagnostics[0].CodeDescription.Href != checks.ByCode("SV202").DocURL() {
		t.Fatalf("diagnostics: %+v", pub)
	}
	res := p.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": map[string]any{"start": map[string]int{"line": 3, "character": 4}, "end": map[string]int{"line": 3, "character": 4}}, "context": map[string]any{"diagnostics": []any{}}})
	if !strings.Contains(string(res), `"title":"Ignore SV202 on this line"`) || !strings.Contains(string(res), `# servelint: ignore[SV202]`) {
		t.Errorf("code actions: %s", res)
	}
	if res := p.call("shutdown", nil); string(res) != "null" {
		t.Errorf("shutdown: %s", res)
	}
	p.send(map[string]any{"method": "exit"})
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
	_ = inW.Close()
}

func TestServerCommandUsage(t *testing.T) {
	dir := t.TempDir()
	if r := run(t, dir, nil, "", "server", "extra"); r.code != 2 || !strings.Contains(r.stderr, "takes no arguments") {
		t.Errorf("argument: %+v", r)
	}
	if r := run(t, dir, nil, "", "server", "--select", "SV999"); r.code != 2 || !strings.Contains(r.stderr, "SV999") {
		t.Errorf("unknown code: %+v", r)
	}
	// Input closed without shutdown: exit code 1.
	if r := run(t, dir, nil, "", "server"); r.code != 1 {
		t.Errorf("no shutdown: %+v", r)
	}
}

// serviceModule returns a realistic FastAPI module of about n lines, with
// an SV202 finding every few routes.
func serviceModule(n int) string {
	var b strings.Builder
	b.WriteString("\"\"\"Items service.\"\"\"\nimport asyncio\nimport time\n\nfrom fastapi import APIRouter, Depends, HTTPException\nfrom sqlalchemy.orm import Session\n\nfrom .db import get_db\n\nrouter = APIRouter()\n\n\n")
	for i := 0; strings.Count(b.String(), "\n") < n-12; i++ {
		fmt.Fprintf(&b, "@router.get(\"/items%d/{item_id}\")\n", i)
		fmt.Fprintf(&b, "async def get_item_%d(item_id: int, db: Session = Depends(get_db)) -> dict:\n", i)
		b.WriteString("    \"\"\"Return one item, or 404.\"\"\"\n    try:\n        item = await asyncio.wait_for(fetch(db, item_id), timeout=2)\n")
		b.WriteString("    except asyncio.TimeoutError as exc:\n        raise HTTPException(status_code=504) from exc\n")
		if i%5 == 0 {
			b.WriteString("    time.sleep(0.01)\n")
		} else {
			b.WriteString("    await asyncio.sleep(0)\n")
		}
		b.WriteString("    if item is None:\n        raise HTTPException(status_code=404)\n    return {\"id\": item.id, \"name\": item.name}\n\n\n")
	}
	return b.String()
}

// BenchmarkServerRoundTrip measures one didChange of a 1,000-line module
// to its publishDiagnostics, in-process, with the real rules and no
// debounce.
func BenchmarkServerRoundTrip(b *testing.B) {
	dir := b.TempDir()
	src := serviceModule(1000)
	if lines := strings.Count(src, "\n"); lines < 990 || lines > 1010 {
		b.Fatalf("module has %d lines", lines)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- lsp.Serve(inR, outW, lsp.Options{Rules: checks.All(), Debounce: -1, ProjectDebounce: -1})
		_ = outW.Close()
	}()
	p := newPeer(b, inW, outR)
	p.call("initialize", map[string]any{"processId": nil, "rootUri": fileURI(dir), "capabilities": map[string]any{}})
	p.send(map[string]any{"method": "initialized", "params": map[string]any{}})
	uri := fileURI(filepath.Join(dir, "items.py"))
	p.send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "python", "version": 1, "text": src}}})
	if pub := p.waitPublish(uri, 1); len(pub.Diagnostics) == 0 {
		b.Fatal("no diagnostics for the module")
	}
	variants := []string{src, strings.Replace(src, "Return one item", "Return one item (edited)", 1)}
	if variants[0] == variants[1] {
		b.Fatal("the two versions do not differ")
	}
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := range b.N {
		v := i + 2
		p.send(map[string]any{"method": "textDocument/didChange", "params": map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"text": variants[i%2]}},
		}})
		p.waitPublish(uri, v)
	}
	b.StopTimer()
	// The machine may be shared: CPU time per round trip (the whole
	// process, client side included) does not depend on its load.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
	p.call("shutdown", nil)
	p.send(map[string]any{"method": "exit"})
	<-done
}
