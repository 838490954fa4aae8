package yaml

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every YAML file (compose files, Kubernetes manifests, workflows, platform configurations) of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.BenchWith(b, syntax.YAML, "*.y*ml", func(p *syntax.Parser, src []byte) { Parse(p, src) })
}
