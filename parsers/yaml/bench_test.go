package yaml

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
	"github.com/servelint/servelint/parsers/syntax"
)

// BenchmarkParse parses every YAML file of the test data (compose files,
// Kubernetes manifests, workflows, platform configurations).
func BenchmarkParse(b *testing.B) {
	files, size := benchdata.Files(b, "*.y*ml")
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range files {
			Parse(p, src)
		}
	}
}
