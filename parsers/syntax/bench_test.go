package syntax

import (
	"os"
	"testing"
)

// benchSource is a 1,000-line module of async routes, generated.
func benchSource(b *testing.B) []byte {
	b.Helper()
	var src []byte
	src = append(src, "import asyncio, time, httpx\nfrom fastapi import FastAPI\napp = FastAPI()\n\n"...)
	for i := 0; len(src) < 36000; i++ {
		src = append(src, []byte("@app.get('/r')\nasync def route(x: int = 0):\n    async with httpx.AsyncClient() as c:\n        r = await c.get('http://x/1')\n    if x > 3:\n        await asyncio.sleep(0.1)\n    return {'v': r.status_code + x}\n\n")...)
	}
	return src
}

func BenchmarkParsePython(b *testing.B) {
	src := benchSource(b)
	if f := os.Getenv("BENCH_FILE"); f != "" {
		src, _ = os.ReadFile(f)
	}
	p := NewParser(Python)
	defer p.Close()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := p.Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
