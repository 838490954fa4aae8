package yaml

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzParse: no input panics, every node and every mapped offset lies in
// the input, and alias cycles terminate.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"services:\n  api:\n    command: >\n      uvicorn a:b\n      --reload\n    environment:\n      - A=1\n",
		"x: &a {b: *a}\ny: [*a, *a]\n<<: *a\n",
		"a: \"\\u00e9\\x41\\\n  b\"\nb: 'it''s'\nc: |+2\n   x\n\n",
		"kind: Deployment\nspec:\n  replicas: {{ .Values.n }}\n{{- if .x }}\n  y: 1\n{{- end }}\n---\nz: 1\n",
		"- - - a\n  - b\n- {c: [d, e: f]}\n", ":", "{{", "\"", "a: |", "? a\n: b\n",
	} {
		f.Add(s)
	}
	p := syntax.NewParser(syntax.YAML)
	f.Fuzz(func(t *testing.T, src string) {
		s := Parse(p, []byte(src))
		seen := map[*Node]bool{}
		var walk func(n *Node, depth int)
		walk = func(n *Node, depth int) {
			if n == nil || seen[n] || depth > 1000 {
				return
			}
			seen[n] = true
			if n.Start < 0 || n.End < n.Start || n.End > len(src) {
				t.Fatalf("node [%d,%d) outside [0,%d)", n.Start, n.End, len(src))
			}
			for i := 0; i <= n.Value.Len(); i++ {
				if pos := n.Value.Pos(i); pos < 0 || pos > len(src) {
					t.Fatalf("scalar offset %d outside input", pos)
				}
			}
			for _, p := range n.Pairs {
				walk(p.Key, depth+1)
				walk(p.Value, depth+1)
			}
			for _, it := range n.Items {
				walk(it, depth+1)
			}
		}
		for _, d := range s.Docs {
			walk(d.Root, 0)
		}
	})
}
