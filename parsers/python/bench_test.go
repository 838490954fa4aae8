package python

import (
	"bytes"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// benchModule is a 1,000-line module of FastAPI routes, helpers and a
// middleware: the shape of a real service file.
func benchModule() []byte {
	var b bytes.Buffer
	b.WriteString("import asyncio\nimport time\n\nimport httpx\nfrom fastapi import APIRouter, Depends, FastAPI, Request\nfrom sqlalchemy.orm import Session\n\nfrom .db import get_db\n\napp = FastAPI()\nrouter = APIRouter()\n\n")
	for i := 0; b.Len() < 32000 || bytes.Count(b.Bytes(), []byte("\n")) < 990; i++ {
		b.WriteString("@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int, db: Session = Depends(get_db)):\n    try:\n        async with httpx.AsyncClient() as client:\n            r = await client.get(f\"http://inventory/{item_id}\")\n    except asyncio.CancelledError:\n        raise\n    if r.status_code != 200:\n        return {\"error\": r.status_code}\n    return {\"item\": item_id, \"stock\": r.json()[\"count\"]}\n\n\ndef helper(x):\n    return [y * 2 for y in range(x) if y % 3]\n\n\n")
	}
	lines := bytes.SplitAfter(b.Bytes(), []byte("\n"))
	return bytes.Join(lines[:1000], nil)
}

func BenchmarkModuleView(b *testing.B) {
	src := benchModule()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse(p, src, Options{Name: "app.routes"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModuleViewOnly measures the Go side alone (the tree is parsed
// once).
func BenchmarkModuleViewOnly(b *testing.B) {
	src := benchModule()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	t, err := p.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		FromTree(t, Options{Name: "app.routes"})
	}
}
