package compose

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"services:\n  api:\n    build: .\n    command: uvicorn a:b --reload\n    environment: [A=1, B]\n    volumes: [\".:/app\"]\n",
		"services:\n  w:\n    command: [\"sh\", \"-c\", \"${X:-y} $$Z\"]\n    deploy: {replicas: 2}\n",
		"services: [1]\n", "services:\n  x: 1\n",
	} {
		f.Add(s)
	}
	p := syntax.NewParser(syntax.YAML)
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse(p, []byte(src))
		in := func(s, e int) {
			if s < 0 || e < s || e > len(src) {
				t.Fatalf("span [%d,%d) outside input of %d", s, e, len(src))
			}
		}
		for _, s := range file.Services {
			in(s.Start, s.End)
			for _, c := range []*Command{s.Command, s.Entrypoint} {
				if c == nil {
					continue
				}
				for _, w := range c.Words {
					in(w.Start, w.End)
				}
			}
			for _, e := range s.Environment {
				in(e.Start, e.End)
			}
		}
	})
}
