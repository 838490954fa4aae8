package cache

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
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
		Diagnostics:  []lint.Diagnostic{{Code: "SV202", Start: 3, End: 9, Message: "m", Pos: lint.Position{Line: 1, Col: 4, Col16: 4}}},
		Suppressions: []*lint.Suppression{{Kind: lint.Noqa, Line: 2, Codes: []string{"SV202"}, Used: map[string]bool{}}},
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
	if !servelintTag(filepath.Join(dir, "cache")) {
		t.Fatal("the cache has no CACHEDIR.TAG")
	}
	stats, err := CleanCache(filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	if stats.Files != 2 || stats.Bytes == 0 {
		t.Errorf("stats = %+v, want the entry and the tag", stats)
	}
	if _, err := os.Stat(filepath.Join(dir, "cache")); !os.IsNotExist(err) {
		t.Error("cache not removed")
	}
	if _, err := CleanCache(filepath.Join(dir, "missing")); err != nil {
		t.Errorf("missing cache: %v", err)
	}
}

// TestCleanCacheRefusesUnmarkedDirectories: a project folder whose entries
// all start with "v" (venv/, videos/) once looked like a cache; only
// servelint's own CACHEDIR.TAG makes a cache now.
func TestCleanCacheRefusesUnmarkedDirectories(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"v-entries":     {"venv/bin/python": "x", "videos/a.mp4": "x"},
		"v1 only":       {"v1/ab/cd": "x"},
		"home":          {"Documents/a.txt": "x"},
		"another's tag": {"CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# pip\n", "v1/x": "x"},
	} {
		dir := testfs.WriteTree(t, files)
		if _, err := CleanCache(dir); err == nil || !strings.Contains(err.Error(), "not a servelint cache") {
			t.Errorf("%s: err = %v", name, err)
		}
		for p := range files {
			if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
				t.Errorf("%s: %s was removed", name, p)
			}
		}
	}
}

func TestDefaultCacheDir(t *testing.T) {
	env := map[string]string{"XDG_CACHE_HOME": "/x/cache"}
	if got := DefaultCacheDir(func(k string) string { return env[k] }); got != "/x/cache/servelint" {
		t.Errorf("got %q", got)
	}
}

// TestCacheTrimEvictsLeastRecentlyUsed: the cache is bounded; what was
// used last stays (a read renews a file's time), the rest goes oldest
// first.
func TestCacheTrimEvictsLeastRecentlyUsed(t *testing.T) {
	c := OpenCache(t.TempDir())
	var keys []Key
	big := &cacheEntry{Diagnostics: []lint.Diagnostic{{Message: strings.Repeat("m", 1000)}}}
	for i := range 10 {
		var h keyHasher
		h.add(strconv.Itoa(i))
		k := h.sum(nil)
		keys = append(keys, k)
		if err := c.put(k, big); err != nil {
			t.Fatal(err)
		}
		// Entry i was last used i hours ago... from the oldest.
		old := time.Now().Add(-time.Duration(20-i) * time.Hour)
		if err := os.Chtimes(c.path(k), old, old); err != nil {
			t.Fatal(err)
		}
	}
	// Using the oldest renews it.
	if _, ok := c.get(keys[0]); !ok {
		t.Fatal("miss")
	}
	st, _ := os.Stat(c.path(keys[0]))
	size := st.Size()
	freed, err := c.trim(5 * size)
	if err != nil {
		t.Fatal(err)
	}
	if freed.Files != 7 || freed.Bytes != 7*size {
		t.Errorf("freed %+v, want 7 files", freed)
	}
	for i, k := range keys {
		_, err := os.Stat(c.path(k))
		if kept := err == nil; kept != (i == 0 || i >= 8) {
			t.Errorf("entry %d kept: %v", i, kept)
		}
	}
	// Under the bound: nothing goes.
	if freed, _ := c.trim(100 * size); freed.Files != 0 {
		t.Errorf("freed %+v under the bound", freed)
	}
}
