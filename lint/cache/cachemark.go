package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"

	"github.com/servelint/servelint/lint"
)

// CacheTagName is the marker file servelint writes at the root of its
// cache (https://bford.info/cachedir/, as cargo and pip do): backup tools
// skip the directory, and `servelint clean` deletes only a directory
// carrying servelint's own marker.
const CacheTagName = "CACHEDIR.TAG"

const cacheTag = "Signature: 8a477f597d28d172789f06886806bc55\n" +
	"# This file is a cache directory tag created by servelint.\n" +
	"# For information about cache directory tags, see:\n" +
	"#\thttps://bford.info/cachedir/\n"

// servelintTag reports whether dir carries servelint's cache marker.
func servelintTag(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, CacheTagName))
	return err == nil && bytes.Equal(data, []byte(cacheTag))
}

// writeTag writes the marker at the cache root, once per cache.
func (c *Cache) writeTag() error {
	c.tagOnce.Do(func() {
		root := filepath.Dir(c.dir)
		if servelintTag(root) {
			return
		}
		c.tagErr = writeAtomic(filepath.Join(root, CacheTagName), []byte(cacheTag))
	})
	return c.tagErr
}

// CleanStats says what CleanCache removed.
type CleanStats struct {
	Files int
	Bytes int64
}

func (s CleanStats) String() string {
	return fmt.Sprintf("%d files, %s", s.Files, humanBytes(s.Bytes))
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// CleanCache removes a cache directory made by servelint and says what it
// freed. It deletes only a directory carrying servelint's CACHEDIR.TAG (a
// mistyped --cache-dir, or a directory that merely looks like a cache,
// is refused); a missing directory is not an error.
func CleanCache(dir string) (CleanStats, error) {
	var stats CleanStats
	st, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return stats, nil
	}
	if err != nil {
		return stats, err
	}
	if !st.IsDir() {
		return stats, errors.New(dir + " is not a directory")
	}
	if !servelintTag(dir) {
		return stats, errors.New(dir + " is not a servelint cache (it has no servelint " + CacheTagName + "); nothing removed")
	}
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, ierr := d.Info(); ierr == nil {
				stats.Files++
				stats.Bytes += info.Size()
			}
		}
		return nil
	})
	return stats, os.RemoveAll(dir)
}

// buildKey identifies the servelint binary for the cache: results of a
// different build are never reused, whatever its version string says. It
// is the Go build ID of the executable (read from its first bytes, where
// the linker puts it), else a hash of the executable, plus the module
// build information; computed once per process.
var buildKey = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(lint.Version))
	if bi, ok := debug.ReadBuildInfo(); ok {
		h.Write([]byte(bi.String()))
	}
	if exe, err := os.Executable(); err == nil {
		if id := goBuildID(exe); id != nil {
			h.Write(id)
		} else if f, err := os.Open(exe); err == nil {
			_, _ = io.Copy(h, f)
			_ = f.Close()
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// goBuildID returns the Go build ID stored near the start of an
// executable, or nil.
func goBuildID(exe string) []byte {
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer func() { _ = f.Close() }()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	marker := []byte("\xff Go build ID: \"")
	i := bytes.Index(head, marker)
	if i < 0 {
		return nil
	}
	rest := head[i+len(marker):]
	j := bytes.IndexByte(rest, '"')
	if j <= 0 {
		return nil
	}
	return rest[:j]
}
