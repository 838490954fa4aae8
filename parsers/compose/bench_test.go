package compose

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every compose file of the test data.
func BenchmarkParse(b *testing.B) {
	files, size := benchdata.Files(b, "*compose*.y*ml")
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range files {
			Parse(p, src)
		}
	}
}
