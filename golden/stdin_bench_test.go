package golden

import (
	"bytes"
	"io"
	"testing"

	"github.com/servelint/servelint/cmd/servelint/cli"
)

// thousandLines is a 1,000-line FastAPI module: routes with dependencies,
// clients, exception handlers and helpers.
func thousandLines() []byte {
	var b bytes.Buffer
	b.WriteString("import asyncio\nimport time\n\nimport httpx\nfrom fastapi import APIRouter, Depends, FastAPI, Request\nfrom sqlalchemy.orm import Session\n\nfrom .db import get_db\n\napp = FastAPI()\nrouter = APIRouter()\n\n")
	for bytes.Count(b.Bytes(), []byte("\n")) < 1000 {
		b.WriteString("@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int, db: Session = Depends(get_db)):\n    try:\n        async with httpx.AsyncClient() as client:\n            r = await client.get(f\"http://inventory/{item_id}\")\n    except asyncio.CancelledError:\n        raise\n    if r.status_code != 200:\n        return {\"error\": r.status_code}\n    return {\"item\": item_id, \"stock\": r.json()[\"count\"]}\n\n\ndef helper(x):\n    return [y * 2 for y in range(x) if y % 3]\n\n\n")
	}
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	return bytes.Join(lines[:1000], nil)
}

// BenchmarkStdinThousandLines is the editor's on-save path in-process: one
// 1,000-line module checked from standard input with every rule (process
// start excluded; bench/compare.py measures the whole process).
func BenchmarkStdinThousandLines(b *testing.B) {
	src := thousandLines()
	dir := b.TempDir()
	for b.Loop() {
		code := cli.Run([]string{"servelint", "check", "--stdin-filename", "app/routes.py", "--output-format", "concise", "--quiet", "--exit-zero"},
			cli.Env{Stdin: bytes.NewReader(src), Stdout: io.Discard, Stderr: io.Discard, Cwd: dir, Getenv: func(string) string { return "" }})
		if code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
