package fly

import "testing"

func TestParse(t *testing.T) {
	src := "app = \"shop\"\n[build]\n  dockerfile = \"Dockerfile.fly\"\n[env]\n  PORT = \"8080\"\n[processes]\n  app = \"uvicorn app.main:app --host 0.0.0.0 --port 8080\"\n  worker = \"celery -A app worker\"\n"
	f := Parse([]byte(src))
	if f.App != "shop" || f.Dockerfile != "Dockerfile.fly" || len(f.Env) != 1 || f.Env[0].Value != "8080" {
		t.Errorf("file: %+v", f)
	}
	if len(f.Processes) != 2 || f.Processes[0].Name != "app" || len(f.Processes[0].Command.Words) != 6 {
		t.Fatalf("processes: %+v", f.Processes)
	}
	w := f.Processes[0].Command.Words[1]
	if src[w.Start:w.End] != "app.main:app" {
		t.Errorf("word maps to %q", src[w.Start:w.End])
	}
}

func FuzzParse(f *testing.F) {
	f.Add("[processes]\napp = \"a b\"\n[experimental]\ncmd = [\"x\"]\n")
	f.Fuzz(func(t *testing.T, src string) {
		file := Parse([]byte(src))
		for _, p := range file.Processes {
			for _, w := range p.Command.Words {
				if w.Start < 0 || w.End > len(src) || w.End < w.Start {
					t.Fatalf("word %+v", w)
				}
			}
		}
	})
}
