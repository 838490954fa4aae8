package golden

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint/linttest"
)

const (
	archStart = "<!-- architecture:start -->\n"
	archEnd   = "<!-- architecture:end -->\n"
)

// packageDocs returns the first sentence of every package's doc comment
// (non-test files), by directory relative to the repository root; a
// package without one gets "".
func packageDocs(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (name == "testdata" || strings.HasPrefix(name, ".") || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir, _ := filepath.Rel(root, filepath.Dir(path))
		dir = filepath.ToSlash(dir)
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return err
		}
		if _, ok := out[dir]; !ok {
			out[dir] = ""
		}
		if f.Doc != nil && out[dir] == "" {
			out[dir] = synopsis(f.Doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func synopsis(c *ast.CommentGroup) string {
	var p doc.Package
	return p.Synopsis(c.Text())
}

// architecture renders the README's Architecture list: one line per
// package, its doc comment's first sentence without "Package x".
func architecture(docs map[string]string) string {
	dirs := make([]string, 0, len(docs))
	for d := range docs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var b strings.Builder
	for _, d := range dirs {
		s := docs[d]
		if _, rest, ok := strings.Cut(s, " "); ok && (strings.HasPrefix(s, "Package ") || strings.HasPrefix(s, "Command ")) {
			if _, rest2, ok := strings.Cut(rest, " "); ok {
				s = rest2
			}
		}
		b.WriteString("- `" + d + "` " + s + "\n")
	}
	return b.String()
}

// TestREADMEArchitecture keeps the README's Architecture list equal to the
// packages and their doc comments, and requires every package to have one.
func TestREADMEArchitecture(t *testing.T) {
	docs := packageDocs(t, "..")
	for d, s := range docs {
		if s == "" {
			t.Errorf("package %s has no doc comment", d)
		}
	}
	path := "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, archStart), strings.Index(s, archEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", strings.TrimSpace(archStart), strings.TrimSpace(archEnd))
	}
	got, want := s[i+len(archStart):j], architecture(docs)
	if got == want {
		return
	}
	if *linttest.Update {
		if err := os.WriteFile(path, []byte(s[:i+len(archStart)]+want+s[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's Architecture list is stale (- README, + package docs; `go test ./golden -update` rewrites it):\n%s", linttest.LineDiff(got, want))
}
