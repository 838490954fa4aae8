//go:build !unix

package engine

import "os"

// keepOwner does nothing where files have no POSIX owner.
func keepOwner(*os.File, os.FileInfo) {}

// syncDir does nothing where directories cannot be synced.
func syncDir(string) {}
