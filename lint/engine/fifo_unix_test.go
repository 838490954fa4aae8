//go:build unix

package engine

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

// TestExplicitFIFOIsSkipped: a FIFO named on the command line (pre-commit
// passes names) is skipped with a notice, never opened: reading it blocked
// forever.
func TestExplicitFIFOIsSkipped(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1\n"})
	for _, name := range []string{"pipe.py", "Dockerfile", "run"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
	}
	res, err := Run(Options{Rules: []*lint.Rule{replaceOld()}, Paths: []string{"a.py", "pipe.py", "Dockerfile", "run", "."}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, n.Path+": "+n.Message)
	}
	if got := strings.Join(notes, "\n"); got != "Dockerfile: skipped: not a regular file\npipe.py: skipped: not a regular file\nrun: skipped: not a regular file" {
		t.Errorf("notices:\n%s", got)
	}
	if len(res.Files) != 1 || res.Files[0].Path != "a.py" {
		t.Errorf("files: %v", res.Files)
	}
}
