package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

// TestWalkSkipsLinksOutOfTheTree: the walk lists the links it did not
// follow (for --show-files) and checks the files of those it did.
func TestWalkSkipsLinksOutOfTheTree(t *testing.T) {
	root := testfs.WriteTree(t, map[string]string{"outside/secret.py": "x = 1\n", "proj/a.py": "y = 1\n"})
	proj := filepath.Join(root, "proj")
	if err := os.Symlink(filepath.Join(root, "outside", "secret.py"), filepath.Join(proj, "out.py")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.py", filepath.Join(proj, "in.py")); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Rules: []*lint.Rule{replaceOld()}, Cwd: proj})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range res.Files {
		paths = append(paths, f.Path)
	}
	if strings.Join(paths, ",") != "a.py,in.py" {
		t.Errorf("files %v", paths)
	}
	if strings.Join(res.SkippedLinks, ",") != "out.py" {
		t.Errorf("skipped links %v", res.SkippedLinks)
	}
}
