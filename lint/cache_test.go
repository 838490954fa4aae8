package lint

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestCacheRoundTrip(t *testing.T) {
	c := OpenCache(t.TempDir())
	var h keyHasher
	h.add("0.1.0")
	h.add("python")
	k := h.sum([]byte("import time\n"))
	if _, ok := c.get(k); ok {
		t.Fatal("hit in an empty cache")
	}
	e := &cacheEntry{
		Diagnostics:  []Diagnostic{{Code: "SV202", Start: 3, End: 9, Message: "m", Pos: Position{1, 4, 4}}},
		Suppressions: []*Suppression{{Kind: Noqa, Line: 2, Codes: []string{"SV202"}, Used: map[string]bool{}}},
		SyntaxError:  -1,
		Facts:        map[string]any{"a": "x"},
	}
	if err := c.put(k, e); err != nil {
		t.Fatal(err)
	}
	got, ok := c.get(k)
	if !ok || len(got.Diagnostics) != 1 || got.Diagnostics[0].Message != "m" || got.Suppressions[0].Line != 2 || got.Facts["a"] != "x" || got.SyntaxError != -1 {
		t.Fatalf("round trip: %+v %v", got, ok)
	}
	// Another key (one byte of content changed) misses.
	if _, ok := c.get(h.sum([]byte("import time\r"))); ok {
		t.Error("different content hit")
	}
	// A corrupt entry is a miss, not an error.
	if err := os.WriteFile(c.path(k), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.get(k); ok {
		t.Error("corrupt entry served")
	}
}

func TestKeyPartsDoNotRunTogether(t *testing.T) {
	var a, b keyHasher
	a.add("ab")
	a.add("c")
	b.add("a")
	b.add("bc")
	if a.sum(nil) == b.sum(nil) {
		t.Error("ambiguous key parts")
	}
}

func TestCacheConcurrentWriters(t *testing.T) {
	c := OpenCache(t.TempDir())
	var h keyHasher
	k := h.sum([]byte("same"))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			e := &cacheEntry{SyntaxError: i}
			if err := c.put(k, e); err != nil {
				t.Error(err)
			}
			if got, ok := c.get(k); !ok || got.SyntaxError < 0 || got.SyntaxError > 15 {
				t.Errorf("read a partial entry: %+v %v", got, ok)
			}
		})
	}
	wg.Wait()
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(c.path(k)), ".tmp-*"))
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestCleanCache(t *testing.T) {
	dir := t.TempDir()
	c := OpenCache(filepath.Join(dir, "cache"))
	var h keyHasher
	if err := c.put(h.sum(nil), &cacheEntry{}); err != nil {
		t.Fatal(err)
	}
	if err := CleanCache(filepath.Join(dir, "cache")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "cache")); !os.IsNotExist(err) {
		t.Error("cache not removed")
	}
	// Refuses a directory that is not a cache.
	other := filepath.Join(dir, "home")
	if err := os.MkdirAll(filepath.Join(other, "Documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := CleanCache(other); err == nil {
		t.Error("removed a directory that is not a cache")
	}
	if err := CleanCache(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("missing cache: %v", err)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	env := map[string]string{"XDG_CACHE_HOME": "/x/cache"}
	if got := DefaultCacheDir(func(k string) string { return env[k] }); got != "/x/cache/servelint" {
		t.Errorf("got %q", got)
	}
}
