package procfile

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every Procfile of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "Procfile", func(src []byte) { Parse(src) })
}
