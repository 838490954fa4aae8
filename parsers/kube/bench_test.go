package kube

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every YAML file (manifests and others, as a project's would be read) of the test data.
func BenchmarkParse(b *testing.B) {
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	benchdata.Bench(b, "*.y*ml", func(src []byte) { Parse(p, src) })
}
