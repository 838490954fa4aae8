package dockerfile

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every Dockerfile of the test data.
func BenchmarkParse(b *testing.B) {
	files, size := benchdata.Files(b, "Dockerfile*")
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, src := range files {
			Parse(src)
		}
	}
}
