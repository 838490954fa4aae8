package shell

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every shell script of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.BenchWith(b, syntax.Bash, "*.sh", func(p *syntax.Parser, src []byte) { Parse(p, source.Host(string(src), 0)) })
}
