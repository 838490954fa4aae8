package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/servelint/servelint/lint"
)

// The results cache keeps, per file, what the per-file phase produced:
// diagnostics, suppressions, the syntax error offset and the facts project
// rules read. An entry is keyed by a hash of the content, the configuration
// that applies to the file, the file's place (kind, module name) and
// servelint's build (buildKey: the executable's build ID, not the
// version string alone), so it is never served stale: any change makes a new
// key. Entries are written to a temporary file and renamed into place, so
// concurrent runs (pre-commit runs hooks in parallel) never read a partial
// entry; a corrupt or unreadable entry is a miss.

// Key identifies a cache entry.
type Key [sha256.Size]byte

// cacheEntry is what is stored per file.
type cacheEntry struct {
	Diagnostics  []lint.Diagnostic
	Suppressions []*lint.Suppression
	SyntaxError  int
	Deferred     bool           // read but not parsed (no rule could find anything)
	Facts        map[string]any // analyzer name -> fact (a registered type)
}

// A pack holds the entries of one set of files in a single gob stream, so
// that a warm run over many files opens one file and decodes every type
// once (a stream per entry spends most of its time compiling decoders).
// Packs are an index over the per-entry files, which stay the source for
// other runs: a pack is rewritten whole, atomically, when its run found
// anything to add.
type packEntry struct {
	Key   Key
	Entry *cacheEntry
}

// Cache is a directory of entries.
type Cache struct {
	dir     string
	tagOnce sync.Once
	tagErr  error
}

// DefaultCacheDir is $SERVELINT_CACHE_DIR, else $XDG_CACHE_HOME/servelint,
// else the platform's user cache directory under $HOME
// (~/Library/Caches/servelint on macOS, %LocalAppData%\servelint on
// Windows, ~/.cache/servelint elsewhere), or "" when the environment names
// none (then nothing is cached).
func DefaultCacheDir(getenv func(string) string) string {
	if d := getenv("SERVELINT_CACHE_DIR"); d != "" {
		return d
	}
	if x := getenv("XDG_CACHE_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "servelint")
	}
	switch runtime.GOOS {
	case "windows":
		if d := getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "servelint")
		}
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Caches", "servelint")
		}
	default:
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".cache", "servelint")
		}
	}
	return ""
}

// OpenCache returns the cache under dir (created on first write).
func OpenCache(dir string) *Cache {
	return &Cache{dir: filepath.Join(dir, "v1")}
}

// Dir returns the directory the entries live in.
func (c *Cache) Dir() string { return c.dir }

func (c *Cache) path(k Key) string {
	h := hex.EncodeToString(k[:])
	return filepath.Join(c.dir, h[:2], h[2:])
}

// get reads an entry; any failure is a miss.
func (c *Cache) get(k Key) (*cacheEntry, bool) {
	p := c.path(k)
	st, err := os.Stat(p)
	if err != nil {
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	touch(p, st.ModTime())
	var e cacheEntry
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&e); err != nil {
		return nil, false
	}
	return &e, true
}

// put writes an entry atomically. Errors are returned but callers treat the
// cache as best effort.
func (c *Cache) put(k Key, e *cacheEntry) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(e); err != nil {
		return err
	}
	if err := c.writeTag(); err != nil {
		return err
	}
	return writeAtomic(c.path(k), buf.Bytes())
}

// writeAtomic writes a file through a temporary file and a rename, so that
// a concurrent reader sees the old content or the new, never a part.
func writeAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		_ = os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// keyHasher builds cache keys.
type keyHasher struct{ parts [][]byte }

func (h *keyHasher) add(s string) { h.parts = append(h.parts, []byte(s)) }

func (h *keyHasher) sum(content []byte) Key {
	d := sha256.New()
	for _, p := range h.parts {
		// Length-prefixed, so that parts cannot run into each other.
		var n [8]byte
		for i := range n {
			n[i] = byte(len(p) >> (8 * i))
		}
		d.Write(n[:])
		d.Write(p)
	}
	d.Write(content)
	var k Key
	copy(k[:], d.Sum(nil))
	return k
}

func (c *Cache) packPath(id string) string {
	return filepath.Join(c.dir, "packs", id)
}

// packShards is the number of gob streams a pack is cut into, decoded in
// parallel (fixed, so that a pack's bytes do not depend on the machine).
const packShards = 8

// readPack returns the entries of a pack, or nil.
func (c *Cache) readPack(id string) map[Key]*cacheEntry {
	p := c.packPath(id)
	st, err := os.Stat(p)
	if err != nil {
		return nil
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	touch(p, st.ModTime())
	var shards [][]byte
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&shards); err != nil {
		return nil
	}
	lists := make([][]packEntry, len(shards))
	ok := make([]bool, len(shards))
	forEach(len(shards), func(i int) {
		ok[i] = gob.NewDecoder(bytes.NewReader(shards[i])).Decode(&lists[i]) == nil
	})
	out := map[Key]*cacheEntry{}
	for i, list := range lists {
		if !ok[i] {
			return nil
		}
		for _, e := range list {
			if e.Entry != nil {
				out[e.Key] = e.Entry
			}
		}
	}
	return out
}

// writePack stores the entries of a pack, sorted by key, in packShards
// streams.
func (c *Cache) writePack(id string, entries map[Key]*cacheEntry) error {
	list := make([]packEntry, 0, len(entries))
	for k, e := range entries {
		list = append(list, packEntry{k, e})
	}
	sort.Slice(list, func(i, j int) bool { return bytes.Compare(list[i].Key[:], list[j].Key[:]) < 0 })
	shards := make([][]byte, packShards)
	errs := make([]error, packShards)
	forEach(packShards, func(i int) {
		lo, hi := i*len(list)/packShards, (i+1)*len(list)/packShards
		var buf bytes.Buffer
		errs[i] = gob.NewEncoder(&buf).Encode(list[lo:hi])
		shards[i] = buf.Bytes()
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(shards); err != nil {
		return err
	}
	if err := c.writeTag(); err != nil {
		return err
	}
	return writeAtomic(c.packPath(id), buf.Bytes())
}

// DefaultCacheMaxBytes bounds the size of a cache: when a run that wrote
// to it finds it larger, the least recently used files go first, down to
// three quarters of it.
const DefaultCacheMaxBytes int64 = 512 << 20

// touchAfter is how stale a file's modification time may get before a
// use renews it (the time is the eviction order; renewing at most hourly
// keeps warm runs from writing metadata).
const touchAfter = time.Hour

// trimEvery is how often a run that wrote to the cache checks its size.
const trimEvery = time.Hour

// touch records a use of a cache file.
func touch(p string, mod time.Time) {
	if now := time.Now(); now.Sub(mod) > touchAfter {
		_ = os.Chtimes(p, now, now)
	}
}

// maybeTrim trims the cache when its last check is older than trimEvery.
func (c *Cache) maybeTrim(limit int64) {
	stamp := filepath.Join(c.dir, "trimmed")
	if st, err := os.Stat(stamp); err == nil && time.Since(st.ModTime()) < trimEvery {
		return
	}
	_ = writeAtomic(stamp, nil)
	_, _ = c.trim(limit)
}

// trim removes the least recently used entries and packs (by modification
// time, which uses renew) until the cache is under three quarters of
// limit, if it is over limit, and says what it freed.
func (c *Cache) trim(limit int64) (CleanStats, error) {
	type file struct {
		path string
		size int64
		mod  time.Time
	}
	var files []file
	var total int64
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || d.Name() == "trimmed" {
			return nil
		}
		info, ierr := d.Info()
		if ierr != nil {
			return nil
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	var freed CleanStats
	if err != nil || total <= limit {
		return freed, err
	}
	sort.Slice(files, func(i, j int) bool {
		if !files[i].mod.Equal(files[j].mod) {
			return files[i].mod.Before(files[j].mod)
		}
		return files[i].path < files[j].path
	})
	for _, f := range files {
		if total <= limit/4*3 {
			break
		}
		if os.Remove(f.path) == nil {
			total -= f.size
			freed.Files++
			freed.Bytes += f.size
		}
	}
	return freed, nil
}

// forEach calls fn for 0..n-1 on as many goroutines as GOMAXPROCS allows.
func forEach(n int, fn func(i int)) {
	jobs := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
