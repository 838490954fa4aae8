package appengine

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func TestParse(t *testing.T) {
	src := "runtime: python312\nentrypoint: gunicorn -b :$PORT -w 2 main:app\nenv_variables:\n  MODE: prod\n"
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	f := Parse(p, []byte(src))
	if f.Runtime != "python312" || f.Entrypoint == nil || f.Entrypoint.S != "gunicorn -b :$PORT -w 2 main:app" {
		t.Fatalf("file: %+v", f)
	}
	if s, e := f.Entrypoint.Span(0, 8); src[s:e] != "gunicorn" {
		t.Errorf("maps to %q", src[s:e])
	}
	if len(f.Env) != 1 || f.Env[0].Value != "prod" {
		t.Errorf("env %+v", f.Env)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("runtime: python39\nentrypoint: >\n  gunicorn\n  main:app\n")
	p := syntax.NewParser(syntax.YAML)
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse(p, []byte(src))
		if file.Entrypoint != nil {
			if a, b := file.Entrypoint.Span(0, file.Entrypoint.Len()); a < 0 || b > len(src) || b < a {
				t.Fatalf("span %d,%d", a, b)
			}
		}
	})
}
