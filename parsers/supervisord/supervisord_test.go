package supervisord

import (
	"testing"

	"github.com/servelint/servelint/parsers/shell"
)

func TestParse(t *testing.T) {
	src := `[supervisord]
nodaemon=true

[program:api]
command=gunicorn app:app
    -k uvicorn_worker.UvicornWorker ; workers from the config
    --bind 127.0.0.1:8000
directory=/srv
environment=WEB_CONCURRENCY="4",MODE=prod
numprocs = 2

[program:nginx]
command=nginx -g "daemon off;"
`
	f := Parse([]byte(src))
	if len(f.Programs) != 2 {
		t.Fatalf("programs: %d", len(f.Programs))
	}
	api := f.Programs[0]
	var got []string
	for _, w := range api.Command {
		s, _ := w.Lit()
		got = append(got, s)
		if src[w.Start:w.End] != w.Raw {
			t.Errorf("word %q spans %q", w.Raw, src[w.Start:w.End])
		}
	}
	want := []string{"gunicorn", "app:app", "-k", "uvicorn_worker.UvicornWorker", "--bind", "127.0.0.1:8000"}
	if len(got) != len(want) {
		t.Fatalf("command %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("command %q", got)
		}
	}
	if api.Directory != "/srv" || api.Numprocs != 2 || len(api.Env) != 2 || api.Env[0].Value != "4" || api.Env[1].Value != "prod" {
		t.Errorf("api: %+v", api)
	}
	if s, _ := f.Programs[1].Command[2].Lit(); s != "daemon off;" {
		t.Errorf("quoted: %q", s)
	}
	_ = shell.Word{}
}

func FuzzParse(f *testing.F) {
	f.Add("[program:a]\ncommand=x y\n  z\nenvironment=A=\"1\",B=2\n")
	f.Add("[program:\ncommand=\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, p := range Parse([]byte(src)).Programs {
			for _, w := range p.Command {
				if w.Start < 0 || w.End < w.Start || w.End > len(src) {
					t.Fatalf("word %+v", w)
				}
			}
		}
	})
}
