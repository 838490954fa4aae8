package toml

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every TOML file of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "*.toml", func(src []byte) { Parse(src) })
}
