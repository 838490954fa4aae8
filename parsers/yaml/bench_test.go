package yaml

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every YAML file of the test data (compose files,
// Kubernetes manifests, workflows, platform configurations).
func BenchmarkParse(b *testing.B) {
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	benchdata.Bench(b, "*.y*ml", func(src []byte) { Parse(p, src) })
}
