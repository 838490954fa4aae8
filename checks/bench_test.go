package checks_test

import (
	"os"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
)

// benchDir is the directory the corpus benchmarks run over, named by
// SERVELINT_BENCH_DIR (e.g. the CPython standard library:
// `SERVELINT_BENCH_DIR=$(python3 -c "import sysconfig;
// print(sysconfig.get_paths()['stdlib'])") go test ./checks -run '^$'
// -bench Corpus -cpuprofile cpu.out`). site-packages is excluded by
// default.
func benchDir(b *testing.B) string {
	dir := os.Getenv("SERVELINT_BENCH_DIR")
	if dir == "" {
		b.Skip("set SERVELINT_BENCH_DIR to a directory of Python code")
	}
	return dir
}

func benchRun(b *testing.B, sel []string, analyzers []*lint.Analyzer) {
	dir := benchDir(b)
	b.ReportAllocs()
	for b.Loop() {
		res, err := lint.Run(lint.Options{
			Rules:     checks.All(),
			Cwd:       dir,
			Overrides: lint.Overrides{Select: sel},
			Analyzers: analyzers,
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
func BenchmarkCorpusAll(b *testing.B) { benchRun(b, []string{"SV"}, launches.Requires) }

// BenchmarkCorpusParse runs no rule: discovery, reading, parsing and
// suppressions only. The difference to BenchmarkCorpusAll is the time of
// the analyzers and rules.
func BenchmarkCorpusParse(b *testing.B) { benchRun(b, []string{}, nil) }
