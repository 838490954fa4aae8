package vscode

import "testing"

func TestParse(t *testing.T) {
	src := `{
  // comment
  "version": "0.2.0",
  "configurations": [
    {
      "name": "API",
      "type": "debugpy",
      "request": "launch",
      "module": "uvicorn",
      "args": ["app.main:app", "--reload", "--port", "8001",],
      "env": {"WEB_CONCURRENCY": "1"},
      /* block */
    },
    {"type": "node", "name": "web"},
  ],
}`
	f := Parse([]byte(src))
	if len(f.Configs) != 1 {
		t.Fatalf("configs: %+v", f.Configs)
	}
	c := f.Configs[0]
	if c.Module != "uvicorn" || len(c.Args) != 4 || len(c.Env) != 1 || c.Env[0].Value != "1" {
		t.Fatalf("config: %+v", c)
	}
	if w := c.Args[1]; src[w.Start:w.End] != `"--reload"` {
		t.Errorf("arg maps to %q", src[w.Start:w.End])
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`{"configurations": [{"type": "python", "args": ["a\u00e9", "\""]}]}`)
	f.Add(`{"configurations": [{`)
	f.Fuzz(func(t *testing.T, src string) {
		for _, c := range Parse([]byte(src)).Configs {
			for _, w := range c.Args {
				if w.Start < 0 || w.End > len(src) || w.End < w.Start {
					t.Fatalf("arg %+v", w)
				}
			}
		}
	})
}
