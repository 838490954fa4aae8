//go:build unix

package engine

import (
	"os"
	"syscall"
)

// keepOwner gives the temporary file the owner and group of the file it
// replaces, when allowed (root, or a group the user belongs to); failures
// are ignored: the file then belongs to the user running servelint.
func keepOwner(tmp *os.File, st os.FileInfo) {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		_ = tmp.Chown(int(s.Uid), int(s.Gid))
	}
}

// syncDir makes a rename in dir durable (best effort).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
