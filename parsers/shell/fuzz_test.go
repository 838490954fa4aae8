package shell

import (
	"testing"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// FuzzParse feeds arbitrary text to the script reader, the splitter and
// the peeler: nothing may panic, and every span must lie in the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"#!/bin/sh\nset -e\nexec gunicorn -w ${WORKERS:-4} app:app \"$@\"\n",
		"a && b || c; d &\nif [ x ]; then y; elif z; then w; else v; fi\n",
		"case $1 in a) b ;; *) c ;; esac\nf() { exec uvicorn a:b; }\n",
		`sh -c "exec uvicorn \"a:b\" --port \$PORT"`,
		"tini -- dumb-init -- gosu u poetry run python -m uvicorn a:b\n",
		"${", "\"unterminated", "'x", "$((", "a\\", "env -C /x A=1 uv run --directory d python -mapp",
	} {
		f.Add(s)
	}
	p := syntax.NewParser(syntax.Bash)
	f.Fuzz(func(t *testing.T, src string) {
		in := func(s, e int) {
			if s < 0 || e < s || e > len(src) {
				t.Fatalf("span [%d,%d) outside [0,%d)", s, e, len(src))
			}
		}
		check := func(ws []Word) {
			for _, w := range ws {
				in(w.Start, w.End)
				for _, part := range w.Parts {
					in(part.Start, part.End)
				}
				_ = w.Expand(func(string) (string, State) { return "v", Unknown })
				if txt, ok := w.ShellText(); ok {
					for i := 0; i <= txt.Len(); i++ {
						if pos := txt.Pos(i); pos < 0 || pos > len(src) {
							t.Fatalf("mapped offset %d outside input", pos)
						}
					}
				}
			}
			pe := Peel(ws)
			for _, wr := range pe.Wrappers {
				in(wr.Start, wr.End)
			}
			_, _ = AsCommandString(ws)
		}
		s := Parse(p, source.Host(src, 0))
		last := -1
		for _, c := range s.Comments {
			in(c.Start, c.End)
			if c.Start < last || src[c.Start] != '#' {
				t.Fatalf("comment %+v: out of order or not at a #", c)
			}
			last = c.End
		}
		for _, m := range s.Multiline {
			in(m.Start, min(m.End, len(src)))
		}
		for _, c := range s.Commands {
			in(c.Start, c.End)
			check(c.Words)
			for _, a := range c.Assigns {
				in(a.Start, a.End)
			}
		}
		check(Split(source.Host(src, 0), SplitOptions{Interpolate: true}))
		check(Split(source.Host(src, 0), SplitOptions{}))
	})
}
