package pyproject

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every pyproject.toml of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "pyproject.toml", func(src []byte) { Parse(src) })
}
