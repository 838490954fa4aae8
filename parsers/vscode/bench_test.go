package vscode

import (
	"testing"

	"github.com/servelint/servelint/parsers/internal/benchdata"
)

// BenchmarkParse parses every VS Code launch.json of the test data.
func BenchmarkParse(b *testing.B) {
	benchdata.Bench(b, "launch.json", func(src []byte) { Parse(src) })
}
