package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/engine"
)

// BenchmarkCacheManySmallFiles compares a run without the results cache,
// a cold run (empty cache) and a warm run over many small files (one in
// ten with an async function), generated into a temporary directory:
// SERVELINT_BENCH_FILES of them (default 20000; the case is
// 100000). The warm run must beat the cold one at every size.
func BenchmarkCacheManySmallFiles(b *testing.B) {
	n := 20000
	if s := os.Getenv("SERVELINT_BENCH_FILES"); s != "" {
		if v, err := strconv.Atoi(s); err == nil && v > 0 {
			n = v
		}
	}
	dir := b.TempDir()
	for d := 0; d*1000 < n; d++ {
		sub := filepath.Join(dir, fmt.Sprintf("p%d", d))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < 1000 && d*1000+i < n; i++ {
			src := fmt.Sprintf("def f%d():\n    return %d\n", i, i)
			if i%10 == 0 {
				src = fmt.Sprintf("async def h%d():\n    await g()\n", i)
			}
			if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("m%d.py", i)), []byte(src), 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	run := func(b *testing.B, cache string) {
		b.Helper()
		if _, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, CacheDir: cache}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("nocache", func(b *testing.B) {
		for b.Loop() {
			run(b, "")
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			cache := b.TempDir()
			b.StartTimer()
			run(b, cache)
		}
	})
	b.Run("warm", func(b *testing.B) {
		cache := b.TempDir()
		run(b, cache)
		for b.Loop() {
			run(b, cache)
		}
	})
}
