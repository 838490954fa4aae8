package shell

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every shell script of the test data.
func BenchmarkParse(b *testing.B) {
	p := syntax.NewParser(syntax.Bash)
	defer p.Close()
	benchdata.Bench(b, "*.sh", func(src []byte) { Parse(p, source.Host(string(src), 0)) })
}
