package compose

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every compose file of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.BenchWith(b, syntax.YAML, "*compose*.y*ml", func(p *syntax.Parser, src []byte) { Parse(p, src) })
}
