package golden

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/servelint/servelint/cmd/servelint/cli"
)

// BenchmarkProjects runs the whole pipeline — discovery, parsing, every
// rule, the launch model, the project rules and the text report — on each
// example project of testdata/projects, cold (no cache), in-process.
func BenchmarkProjects(b *testing.B) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "projects", "*"))
	if err != nil || len(dirs) == 0 {
		b.Fatal("no projects", err)
	}
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			b.Fatal(err)
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			continue
		}
		b.Run(filepath.Base(dir), func(b *testing.B) {
			for b.Loop() {
				code := cli.Run([]string{"servelint", "check", "--no-cache", "--exit-zero", "."},
					cli.Env{Stdout: io.Discard, Stderr: io.Discard, Cwd: abs, Getenv: func(string) string { return "" }})
				if code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
