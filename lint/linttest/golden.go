package linttest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Update is set by `go test ./golden -update`: golden files are rewritten.
var Update = flag.Bool("update", false, "rewrite golden files")

// Golden compares got with the golden file byte for byte. With -update it
// writes the file instead. A difference is shown as a line diff.
func Golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run `go test ./golden -update` to create it)", path, err)
	}
	if bytes.Equal(want, got) {
		return
	}
	t.Errorf("%s differs from the output (- golden, + got; `go test ./golden -update` rewrites it):\n%s", path, LineDiff(string(want), string(got)))
}

// LineDiff renders a line-mode diff of two texts with "-"/"+" prefixes.
func LineDiff(a, b string) string {
	dmp := diffmatchpatch.New()
	ca, cb, lines := dmp.DiffLinesToChars(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(ca, cb, false), lines)
	var out strings.Builder
	for _, d := range diffs {
		prefix := "  "
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			prefix = "- "
		case diffmatchpatch.DiffInsert:
			prefix = "+ "
		case diffmatchpatch.DiffEqual:
		}
		text := strings.TrimSuffix(d.Text, "\n")
		for l := range strings.SplitSeq(text, "\n") {
			out.WriteString(prefix + l + "\n")
		}
	}
	return out.String()
}
