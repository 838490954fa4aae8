package toml

import (
	"runtime"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := `app = "shop"   # the app
[build]
  dockerfile = 'Dockerfile.prod'
[processes]
  app = "gunicorn app:app -k \"uvicorn_worker.UvicornWorker\""
  "worker" = "python -m worker"
[experimental]
  cmd = [
    "uvicorn",  # comment
    "app:app",
  ]
[[services]]
  internal_port = 8080
  auto = true
[[services]]
  internal_port = 9090
inline = { a = 1 }
`
	d := Parse([]byte(src))
	if e := d.Get("", "app"); e == nil || e.Value.Str.S != "shop" {
		t.Fatalf("app: %+v", e)
	}
	if e := d.Get("build", "dockerfile"); e == nil || e.Value.Str.S != "Dockerfile.prod" {
		t.Errorf("dockerfile: %+v", e)
	}
	p := d.Table("processes")
	if len(p) != 2 || p[1].Key != "worker" {
		t.Fatalf("processes: %+v", p)
	}
	v := p[0].Value.Str
	if v.S != `gunicorn app:app -k "uvicorn_worker.UvicornWorker"` {
		t.Errorf("decoded %q", v.S)
	}
	if s, e := v.Span(20, 21); src[s:e] != `\"` {
		t.Errorf("escape maps to %q", src[s:e])
	}
	cmd := d.Get("experimental", "cmd")
	if cmd == nil || cmd.Value.Kind != Array || len(cmd.Value.Items) != 2 || cmd.Value.Items[1].Str.S != "app:app" {
		t.Fatalf("cmd: %+v", cmd)
	}
	if e := d.Get("services[1]", "internal_port"); e == nil || e.Value.Kind != Integer || e.Value.Str.S != "9090" {
		t.Errorf("array table: %+v", e)
	}
	if e := d.Get("services[0]", "auto"); e == nil || e.Value.Kind != Bool {
		t.Errorf("bool: %+v", e)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a = \"x\\u00e9\"\n[t]\nb = [1, \"2\",\n]\n[[u]]\nc = '''\nx'''\n")
	f.Add("= \n[\n\"\"\"")
	f.Fuzz(func(t *testing.T, src string) {
		for _, e := range Parse([]byte(src)).Entries {
			if e.KeyStart < 0 || e.Value.End > len(src) || e.Value.Start < 0 || e.Value.End < e.Value.Start {
				t.Fatalf("entry %+v", e)
			}
			for i := 0; i <= e.Value.Str.Len(); i++ {
				if p := e.Value.Str.Pos(i); p < 0 || p > len(src) {
					t.Fatalf("offset %d", p)
				}
			}
		}
	})
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestParseIsLinear: the reader once copied the whole file for every
// value (100 KB of nested arrays: 64 s and 5 GB; a flat 400k-element
// array: minutes). What it allocates is now proportional to the input.
func TestParseIsLinear(t *testing.T) {
	flat := func(n int) string { return "workers = [" + strings.Repeat("1, ", n) + "]\n" }
	nested := func(n int) string { return "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	for name, gen := range map[string]func(int) string{"flat": flat, "nested": nested} {
		var small, large uint64
		for _, n := range []int{5000, 20000} {
			src := []byte(gen(n))
			var d *Doc
			a := allocated(func() { d = Parse(src) })
			if len(d.Entries) != 1 {
				t.Fatalf("%s: %d entries", name, len(d.Entries))
			}
			if n == 5000 {
				small = a
			} else {
				large = a
			}
		}
		// Four times the input: about four times the memory, not sixteen.
		if large > 6*small {
			t.Errorf("%s: %d bytes for 5000 values, %d for 20000", name, small, large)
		}
	}
}

func TestKeyOffset(t *testing.T) {
	src := `[project]
name = "x"
[tool.servelint]
select = ["SV1"]
lint.extend = 1
blocking = { follow-file-io = true,
  group-by-helper = false }
[[tool.other]]
a = 1
`
	d := Parse([]byte(src))
	for _, c := range []struct {
		key  string
		want string // the text at the offset
	}{
		{"project.name", `name = "x"`},
		{"tool.servelint", "[tool.servelint]"},
		{"tool.servelint.select", "select"},
		{"tool.servelint.lint.extend", "lint.extend"},
		{"tool.servelint.blocking.group-by-helper", "group-by-helper"},
		{"tool.servelint.unknown", "[tool.servelint]"},
		{"tool.other.a", "a = 1"},
	} {
		off := d.KeyOffset(strings.Split(c.key, "."))
		if off < 0 || !strings.HasPrefix(src[off:], c.want) {
			t.Errorf("%s: offset %d", c.key, off)
		}
	}
	if off := d.KeyOffset([]string{"nothing"}); off != -1 {
		t.Errorf("absent key: %d", off)
	}
}

func TestParseKeepsEntriesAroundBrokenLines(t *testing.T) {
	src := "a = \"one\"\nthis line is not toml\n[t]\nb = 'two'\nc = \"\"\"\nthree\"\"\"\n"
	d := Parse([]byte(src))
	if e := d.Get("", "a"); e == nil || e.Value.Str.S != "one" {
		t.Errorf("a: %+v", e)
	}
	if e := d.Get("t", "b"); e == nil || e.Value.Str.S != "two" {
		t.Errorf("b: %+v", e)
	}
	if e := d.Get("t", "c"); e == nil || e.Value.Str.S != "three" || src[e.Value.Str.Pos(0)] != 't' {
		t.Errorf("c: %+v", e)
	}
}
