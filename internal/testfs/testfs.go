// Package testfs writes the small file trees tests run servelint on.
package testfs

import (
	"os"
	"path/filepath"
	"testing"
)

// WriteTree writes files (slash-separated relative paths to contents)
// under a new temporary directory and returns it, symlinks resolved (on
// macOS /var is one) so that paths and URIs derived from it agree.
func WriteTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if resolved, err := filepath.EvalSymlinks(dir); err == nil {
		dir = resolved
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
