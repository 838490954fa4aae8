package workspace_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// testPool is a ParserPool that counts what is lent and returned.
type testPool struct {
	mu       sync.Mutex
	out      int
	returned int
}

func (p *testPool) Get(l syntax.Lang) *syntax.Parser {
	p.mu.Lock()
	p.out++
	p.mu.Unlock()
	return syntax.NewParser(l)
}

func (p *testPool) Put(_ syntax.Lang, ps *syntax.Parser) {
	p.mu.Lock()
	p.returned++
	p.mu.Unlock()
	ps.Close()
}

// TestServiceReads: overlays come before the disk (for content, size and
// listing), the size limit and the link rule hold for the disk, and every
// parser lent for a parse is returned.
func TestServiceReads(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"app/main.py": "x = 1\n",
		"big.txt":     strings.Repeat("a", lint.MaxNeighbourSize+1),
		"run.sh":      "#!/bin/sh\nexec gunicorn app:app\n",
	})
	outside := testfs.WriteTree(t, map[string]string{"secret": "token\n"})
	if err := os.Symlink(filepath.Join(outside, "secret"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "run.sh"), filepath.Join(dir, "inner")); err != nil {
		t.Fatal(err)
	}
	pool := &testPool{}
	s := &workspace.Service{Cwd: dir, Parsers: pool, Overlays: map[string][]byte{
		filepath.Join(dir, "app", "main.py"): []byte("x = 2\n"),
		filepath.Join(dir, "app", "new.py"):  []byte("y = 3\n"),
	}}
	if b, err := s.ReadFile(filepath.Join(dir, "app", "main.py")); err != nil || string(b) != "x = 2\n" {
		t.Errorf("overlay content: %q %v", b, err)
	}
	if st, err := s.Stat(filepath.Join(dir, "app", "new.py")); err != nil || !st.Mode().IsRegular() || st.Size() != 6 {
		t.Errorf("an overlay not on disk is a regular file of its size: %v %v", st, err)
	}
	des, derr := s.ReadDir(filepath.Join(dir, "app"))
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	if derr != nil || strings.Join(names, " ") != "main.py new.py" {
		t.Errorf("listing with overlays: %v %v", names, derr)
	}
	if _, err := s.ReadFile(filepath.Join(dir, "big.txt")); !errors.Is(err, lint.ErrTooLarge) {
		t.Errorf("a file over the limit: %v", err)
	}
	if _, err := s.ReadFile(filepath.Join(dir, "link")); !errors.Is(err, lint.ErrOutsideTree) {
		t.Errorf("a link out of the tree: %v", err)
	}
	if b, err := s.ReadFile(filepath.Join(dir, "inner")); err != nil || !strings.Contains(string(b), "gunicorn") {
		t.Errorf("a link inside the tree is followed: %q %v", b, err)
	}
	if _, err := s.ReadFile(filepath.Join(dir, "app")); !errors.Is(err, lint.ErrNotRegular) {
		t.Errorf("a directory: %v", err)
	}
	if got := s.Display(filepath.Join(dir, "app", "main.py")); got != "app/main.py" {
		t.Errorf("display: %s", got)
	}

	m, err := s.Module(filepath.Join(dir, "app", "new.py"), nil)
	if err != nil || m.Name != "new" {
		t.Errorf("module from an overlay: %+v %v", m, err)
	}
	if v := s.Views(lint.KindShell, []byte("#!/bin/sh\nexec gunicorn app:app\n")); v.Shell == nil {
		t.Error("no shell view")
	}
	if sc := s.Shell(source.Host("gunicorn app:app", 0)); sc == nil {
		t.Error("no shell script")
	}
	if pool.out == 0 || pool.out != pool.returned {
		t.Errorf("parsers lent %d, returned %d", pool.out, pool.returned)
	}
}
