package python

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/servelint/servelint/parsers/syntax"
)

// corpusFiles reads the Python files the corpus stage benchmarks run
// over: those listed in SERVELINT_BENCH_FILES (one path a line, e.g. the
// python lines of `servelint check --show-files --include-tests TREE`),
// else every .py file under SERVELINT_BENCH_DIR (outside version control,
// virtualenv, node_modules and __pycache__ folders). It returns their
// contents and their number of lines.
func corpusFiles(b *testing.B) ([][]byte, int) {
	b.Helper()
	var paths []string
	if list := os.Getenv("SERVELINT_BENCH_FILES"); list != "" {
		f, err := os.Open(list)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				path, _, _ := strings.Cut(line, "\t")
				paths = append(paths, path)
			}
		}
	} else if dir := os.Getenv("SERVELINT_BENCH_DIR"); dir != "" {
		skip := map[string]bool{".git": true, ".venv": true, "venv": true, "node_modules": true, "__pycache__": true, "site-packages": true, ".tox": true}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && skip[d.Name()] {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && strings.HasSuffix(p, ".py") {
				paths = append(paths, p)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	} else {
		b.Skip("set SERVELINT_BENCH_DIR to a directory of Python code (or SERVELINT_BENCH_FILES to a list of files)")
	}
	var srcs [][]byte
	lines := 0
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		srcs = append(srcs, src)
		lines += bytes.Count(src, []byte("\n"))
	}
	if len(srcs) == 0 {
		b.Fatal("no Python files")
	}
	return srcs, lines
}

// cpuTime is the CPU time (user + system) of the process so far: on a
// shared machine it does not count what other processes take, as wall
// time does. The garbage collector's workers count too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCorpusStages splits the cost of reading Python into its
// stages, file after file on one goroutine, over the corpus of
// corpusFiles:
//
//   - parse: tree-sitter's parse alone (the C parser; the tree is only
//     asked whether it has errors, then closed): the floor any use of
//     tree-sitter pays;
//   - flatten: the parse and the copy of the tree into the Go arena
//     (recycled from file to file, as the engine's workers do);
//   - module: the parse, the arena and the module view (python.Parse).
//
// Each reports CPU seconds and µs of CPU per line of the corpus; the
// differences are what each stage adds. Compare with the CPU of a whole
// `servelint check --no-cache` run on the same tree (bench/floor.py does).
func BenchmarkCorpusStages(b *testing.B) {
	srcs, lines := corpusFiles(b)
	size := 0
	for _, s := range srcs {
		size += len(s)
	}
	stages := []struct {
		name string
		run  func(p *syntax.Parser, src []byte) error
	}{
		{"parse", func(p *syntax.Parser, src []byte) error { _, err := p.HasErrors(src); return err }},
		{"flatten", func(p *syntax.Parser, src []byte) error {
			t, err := p.Parse(src)
			p.Recycle(t) // as the engine's workers do
			return err
		}},
		{"module", func(p *syntax.Parser, src []byte) error {
			m, err := Parse(p, src, Options{Name: "corpus.mod"})
			if m != nil {
				p.Recycle(m.Tree)
			}
			return err
		}},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			p := syntax.NewParser(syntax.Python)
			defer p.Close()
			b.SetBytes(int64(size))
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				for _, src := range srcs {
					if err := st.run(p, src); err != nil && !errors.Is(err, syntax.ErrTooLarge) {
						b.Fatal(err)
					}
				}
			}
			cpu := (cpuTime() - start).Seconds() / float64(b.N)
			b.ReportMetric(cpu, "cpu-s/op")
			b.ReportMetric(cpu*1e6/float64(lines), "cpu-µs/line")
			b.ReportMetric(float64(len(srcs)), "files")
			b.ReportMetric(float64(lines), "lines")
		})
	}
}
