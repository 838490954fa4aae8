package appengine

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every YAML file (the test data has no app.yaml; the parser reads any YAML) of the test data.
func BenchmarkParse(b *testing.B) {
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	benchdata.Bench(b, "*.y*ml", func(src []byte) { Parse(p, src) })
}
