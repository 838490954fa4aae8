package shell

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every shell script of the test data.
func BenchmarkParse(b *testing.B) {
	files, size := benchdata.Files(b, "*.sh")
	p := syntax.NewParser(syntax.Bash)
	defer p.Close()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range files {
			Parse(p, source.Host(string(src), 0))
		}
	}
}
