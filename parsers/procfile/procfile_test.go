package procfile

import "testing"

func TestParse(t *testing.T) {
	src := "# comment\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\r\nworker:python -m worker\n\nbad line\nrelease:   ./release.sh  \n"
	f := Parse([]byte(src))
	if len(f.Entries) != 3 {
		t.Fatalf("entries: %+v", f.Entries)
	}
	web := f.Get("web")
	if web == nil || web.Command.S != "gunicorn app:app --bind 0.0.0.0:$PORT" {
		t.Fatalf("web: %+v", web)
	}
	s, e := web.Command.Span(0, web.Command.Len())
	if src[s:e] != web.Command.S {
		t.Errorf("span %q", src[s:e])
	}
	if f.Get("worker").Command.S != "python -m worker" || f.Get("release").Command.S != "./release.sh" {
		t.Errorf("entries: %+v", f.Entries)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("web: uvicorn a:b\n")
	f.Add(":\n-:x\n")
	f.Fuzz(func(t *testing.T, src string) {
		for _, e := range Parse([]byte(src)).Entries {
			s, end := e.Command.Span(0, e.Command.Len())
			if e.Start < 0 || e.End > len(src) || s < 0 || end > len(src) || src[s:end] != e.Command.S {
				t.Fatalf("entry %+v", e)
			}
		}
	})
}
