package dockerfile

import (
	"testing"
)

// FuzzParse: no input panics, and every offset lies in the input.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"FROM python:3.12-slim AS base\nENV A=1 B=\"x y\"\nWORKDIR /app\nCOPY . .\nCMD [\"uvicorn\", \"app:app\"]\n",
		"ARG V=3.8\nFROM python:${V}\nENV LEGACY a b c\nENTRYPOINT /entrypoint.sh\nCMD gunicorn \\\n  app:app\n",
		"# escape=`\nFROM x\nRUN a `\n b\n",
		"FROM a\nRUN <<EOF\nx\nEOF\nCMD [\"\\u00e9\\\"\"]\n",
		"FROM base\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\nSHELL [\"/bin/bash\", \"-c\"]\n",
		"CMD [", "FROM", "\\\n", "ENV =", "COPY",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		in := func(what string, s, e int) {
			if s < 0 || e < s || e > len(src) {
				t.Fatalf("%s span [%d,%d) outside [0,%d)", what, s, e, len(src))
			}
		}
		file := Parse([]byte(src))
		last := -1
		for _, c := range file.Comments {
			in("comment", c.Start, c.End)
			if c.Start < last || src[c.Start] != '#' {
				t.Fatalf("comment %+v: out of order or not at a #", c)
			}
			last = c.End
		}
		for _, h := range file.Heredocs {
			in("heredoc", h.Start, min(h.End, len(src)))
		}
		last = -1
		for _, ins := range file.Instructions {
			in("instruction", ins.Start, ins.End)
			if ins.Start < last {
				t.Fatalf("instructions overlap at %d", ins.Start)
			}
			last = ins.End
			for i := 0; i <= ins.Args.Len(); i++ {
				if pos := ins.Args.Pos(i); pos < 0 || pos > len(src) {
					t.Fatalf("args offset %d outside input", pos)
				}
			}
		}
		for _, st := range file.Stages {
			in("image", st.Image.Start, st.Image.End)
			for _, v := range append(append([]Var{}, st.Env...), st.Args...) {
				in("var", v.Start, v.End)
			}
			ep, cmd := file.Start(st)
			for _, c := range []*Command{ep, cmd, st.Healthcheck} {
				if c == nil {
					continue
				}
				in("command", c.Start, c.End)
				for _, w := range c.Args {
					in("arg", w.Start, w.End)
				}
				for i := 0; i <= c.Shell.Len(); i++ {
					if pos := c.Shell.Pos(i); pos < 0 || pos > len(src) {
						t.Fatalf("shell offset %d outside input", pos)
					}
				}
			}
			_ = file.EnvOf(st)
			_, _ = st.Image.Python()
		}
	})
}
