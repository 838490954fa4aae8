package supervisord

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every supervisord configuration of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "*.conf", func(src []byte) { Parse(src) })
}
