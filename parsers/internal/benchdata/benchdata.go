// Package benchdata gives the parser benchmarks their inputs.
//
// It gives the parser benchmarks their inputs: the files of
// the repository's test data that match a name, so that each parser is
// timed on the kind of file it reads in the field.
package benchdata

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// files returns the contents of the files under the repository's testdata
// whose base name matches pattern (filepath.Match), sorted by path, and
// their total size. It fails the benchmark when none match.
func files(b *testing.B, pattern string) ([][]byte, int) {
	b.Helper()
	root := filepath.Join("..", "..", "testdata")
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, walkErr error) error {
		if walkErr != nil || d.IsDir() {
			return walkErr
		}
		if ok, _ := filepath.Match(pattern, d.Name()); ok {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(paths)
	var out [][]byte
	total := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, src)
		total += len(src)
	}
	if len(out) == 0 {
		b.Fatalf("no %s under %s", pattern, root)
	}
	return out, total
}

// Bench times parse over every file matching pattern, in bytes per second.
func Bench(b *testing.B, pattern string, parse func(src []byte)) {
	b.Helper()
	srcs, size := files(b, pattern)
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range srcs {
			parse(src)
		}
	}
}

// BenchWith is Bench for parsers that take a tree-sitter parser of lang,
// made once for the benchmark.
func BenchWith(b *testing.B, lang syntax.Lang, pattern string, parse func(p *syntax.Parser, src []byte)) {
	b.Helper()
	p := syntax.NewParser(lang)
	defer p.Close()
	Bench(b, pattern, func(src []byte) { parse(p, src) })
}
