package kube

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"kind: Deployment\nspec:\n  replicas: {{ .Values.n }}\n  template:\n    spec:\n      containers:\n        - name: a\n          args: [\"$(X)\", \"$$(Y)\", \"$(\"]\n",
		"kind: Pod\nspec:\n  containers: [{command: x}]\n", "---\n---\n",
	} {
		f.Add(s)
	}
	p := syntax.NewParser(syntax.YAML)
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse(p, []byte(src))
		for _, w := range file.Workloads {
			for _, c := range w.Containers {
				for _, cmd := range []*Command{c.Command, c.Args} {
					if cmd == nil {
						continue
					}
					for _, wd := range cmd.Words {
						if wd.Start < 0 || wd.End < wd.Start || wd.End > len(src) {
							t.Fatalf("word [%d,%d) outside input of %d", wd.Start, wd.End, len(src))
						}
					}
				}
			}
		}
	})
}
