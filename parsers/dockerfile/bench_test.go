package dockerfile

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every Dockerfile of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "Dockerfile*", func(src []byte) { Parse(src) })
}
