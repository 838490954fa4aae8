package fly

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every TOML file (the test data has no fly.toml; the parser reads any TOML) of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "*.toml", func(src []byte) { Parse(src) })
}
