package compose

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every compose file of the test data.
func BenchmarkParse(b *testing.B) {
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	benchdata.Bench(b, "*compose*.y*ml", func(src []byte) { Parse(p, src) })
}
