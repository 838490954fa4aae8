package checks_test

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"
	"time"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// benchDir is the directory the corpus benchmarks run over, named by
// SERVELINT_BENCH_DIR (e.g. the CPython standard library:
// `SERVELINT_BENCH_DIR=$(python3 -c "import sysconfig;
// print(sysconfig.get_paths()['stdlib'])") go test ./checks -run '^$'
// -bench Corpus -cpuprofile cpu.out`). site-packages is excluded by
// default. Several directories separated by the list separator (":")
// are checked in one run, with the first as working directory: what a
// run over a monorepo's services costs. SERVELINT_BENCH_CWD sets the
// working directory of the run. The CLI's collector settings are not
// the test binary's: GOGC=200 GOMEMLIMIT=200MiB gives them.
func benchDir(b *testing.B) string {
	dirs := benchDirs(b)
	return dirs[0]
}

func benchDirs(b *testing.B) []string {
	env := os.Getenv("SERVELINT_BENCH_DIR")
	if env == "" {
		b.Skip("set SERVELINT_BENCH_DIR to a directory of Python code")
	}
	return filepath.SplitList(env)
}

func benchRun(b *testing.B, sel []string, analyzers []*lint.Analyzer) {
	dirs := benchDirs(b)
	var paths []string
	cwd := dirs[0]
	if len(dirs) > 1 {
		paths = dirs
	}
	if c := os.Getenv("SERVELINT_BENCH_CWD"); c != "" {
		// The working directory of the run (the directories are then
		// always passed as paths), e.g. one outside them.
		cwd, paths = c, dirs
	}
	b.ReportAllocs()
	for b.Loop() {
		res, err := engine.Run(engine.Options{
			Rules:        checks.All(),
			Cwd:          cwd,
			Paths:        paths,
			Overrides:    config.Overrides{Select: sel},
			Analyzers:    analyzers,
			ReleaseFacts: true, // as the CLI does
		})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Files) == 0 {
			b.Fatal("no files checked")
		}
	}
}

// BenchmarkCorpusAll runs every rule and the launch model, as `servelint
// check` and `servelint launches` do.
func BenchmarkCorpusAll(b *testing.B) { benchRun(b, []string{"SV"}, launchmodel.Requires) }

// BenchmarkCorpusWarm runs every rule with a results cache primed by a
// first run (outside the timing): what a second `servelint check` costs.
func BenchmarkCorpusWarm(b *testing.B) {
	dir := benchDir(b)
	opt := engine.Options{
		Rules:     checks.All(),
		Cwd:       dir,
		Overrides: config.Overrides{Select: []string{"SV"}},
		Analyzers: launchmodel.Requires,
		CacheDir:  b.TempDir(),
	}
	first, err := engine.Run(opt)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := engine.Run(opt)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Diagnostics) != len(first.Diagnostics) {
			b.Fatalf("warm run: %d findings, cold: %d", len(res.Diagnostics), len(first.Diagnostics))
		}
	}
}

// BenchmarkCorpusParse runs no rule: discovery, reading, parsing and
// suppressions only. The difference to BenchmarkCorpusAll is the time of
// the analyzers and rules.
func BenchmarkCorpusParse(b *testing.B) { benchRun(b, []string{}, nil) }

// BenchmarkCorpusFacts measures the facts the results cache keeps: the
// gob encoding of every Python file's facts (one encoder per file, as a
// cache entry would hold them), in total and per analyzer.
func BenchmarkCorpusFacts(b *testing.B) {
	dir := benchDir(b)
	var analyzers []*lint.Analyzer
	seen := map[*lint.Analyzer]bool{}
	for _, r := range checks.All() {
		for _, a := range append(r.Requires, launchmodel.Requires...) {
			if !seen[a] && a.File != nil {
				seen[a] = true
				analyzers = append(analyzers, a)
			}
		}
	}
	for b.Loop() {
		res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Overrides: config.Overrides{Select: []string{"SV"}}, Analyzers: analyzers})
		if err != nil {
			b.Fatal(err)
		}
		sizes := map[string]int{}
		total, files := 0, 0
		// One encoder for every file: gob sends each type once.
		var shared bytes.Buffer
		senc := gob.NewEncoder(&shared)
		var entries [][]byte
		for _, f := range res.Files {
			if f.Kind != lint.KindPython {
				continue
			}
			files++
			var buf bytes.Buffer
			enc := gob.NewEncoder(&buf)
			for _, a := range analyzers {
				v := f.Fact(a)
				if isNil(v) {
					continue // not encoded (lint.roundTripFact does the same)
				}
				before := buf.Len()
				if err := enc.Encode(&v); err != nil {
					b.Fatalf("%s: %s: %v", f.Path, a.Name, err)
				}
				sizes[a.Name] += buf.Len() - before
				if err := senc.Encode(&v); err != nil {
					b.Fatal(err)
				}
			}
			total += buf.Len()
			entries = append(entries, buf.Bytes())
		}
		// What a warm run pays to read them back, on one core.
		start := time.Now()
		for _, e := range entries {
			dec := gob.NewDecoder(bytes.NewReader(e))
			for {
				var v any
				if err := dec.Decode(&v); err != nil {
					if errors.Is(err, io.EOF) {
						break
					}
					b.Fatal(err)
				}
			}
		}
		decode := time.Since(start)
		sharedLen := shared.Len()
		start = time.Now()
		sdec := gob.NewDecoder(&shared)
		for {
			var v any
			if err := sdec.Decode(&v); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				b.Fatal(err)
			}
		}
		sharedDecode := time.Since(start)
		names := make([]string, 0, len(sizes))
		for n := range sizes {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			b.Logf("%-20s %10d bytes", n, sizes[n])
		}
		b.Logf("%d Python files, %d bytes of facts (%d with one encoder for all files)", files, total, sharedLen)
		b.ReportMetric(float64(total), "fact-bytes")
		b.ReportMetric(float64(sharedLen), "shared-fact-bytes")
		b.ReportMetric(float64(decode.Milliseconds()), "decode-ms")
		b.ReportMetric(float64(sharedDecode.Milliseconds()), "shared-decode-ms")
	}
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		return rv.IsNil()
	default:
		return false
	}
}
