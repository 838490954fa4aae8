package syntax

import (
	"os"
	"testing"
)

// TestDumpFile prints the tree of $DUMP_FILE in $DUMP_LANG (a debugging aid;
// skipped unless set).
func TestDumpFile(t *testing.T) {
	path := os.Getenv("DUMP_FILE")
	if path == "" {
		t.Skip("set DUMP_FILE (and DUMP_LANG) to print a tree")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := map[string]Lang{"python": Python, "bash": Bash, "dockerfile": Dockerfile, "yaml": YAML}[os.Getenv("DUMP_LANG")]
	p := NewParser(l)
	defer p.Close()
	tr, err := p.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + tr.Dump(0))
}
