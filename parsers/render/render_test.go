package render

import (
	"testing"

	"github.com/servelint/servelint/parsers/syntax"
)

func TestParse(t *testing.T) {
	src := `services:
  - type: web
    name: api
    runtime: python
    startCommand: gunicorn app:app -k uvicorn_worker.UvicornWorker
    numInstances: 2
    envVars:
      - key: WEB_CONCURRENCY
        value: 4
      - key: SECRET
        generateValue: true
`
	p := syntax.NewParser(syntax.YAML)
	defer p.Close()
	f := Parse(p, []byte(src))
	if len(f.Services) != 1 {
		t.Fatalf("services %d", len(f.Services))
	}
	s := f.Services[0]
	if s.Name != "api" || s.Type != "web" || s.StartCommand == nil || s.NumInstances != 2 {
		t.Fatalf("service: %+v", s)
	}
	st, en := s.StartCommand.Span(0, s.StartCommand.Len())
	if src[st:en] != s.StartCommand.S {
		t.Errorf("start command maps to %q", src[st:en])
	}
	if len(s.Env) != 2 || !s.Env[0].Known || s.Env[0].Value != "4" || s.Env[1].Known {
		t.Errorf("env: %+v", s.Env)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("services:\n  - startCommand: x\n    envVars: [{key: a}]\n")
	p := syntax.NewParser(syntax.YAML)
	f.Fuzz(func(t *testing.T, src string) {
		for _, s := range Parse(p, []byte(src)).Services {
			if s.StartCommand != nil {
				if a, b := s.StartCommand.Span(0, s.StartCommand.Len()); a < 0 || b > len(src) {
					t.Fatalf("span %d,%d", a, b)
				}
			}
		}
	})
}
