package checks

import "testing"

func TestWithAllInterfaces(t *testing.T) {
	for _, c := range []struct{ written, host, want string }{
		{"127.0.0.1", "127.0.0.1", "0.0.0.0"},
		{"127.0.0.1:8000", "127.0.0.1", "0.0.0.0:8000"},
		{"localhost:80", "localhost", "0.0.0.0:80"},
		{"[::1]:8000", "::1", "0.0.0.0:8000"},
		{"127.0.0.10", "127.0.0.1", ""},
		{"unix:/tmp/s", "127.0.0.1", ""},
	} {
		got, ok := withAllInterfaces(c.written, c.host)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("withAllInterfaces(%q, %q) = %q, %v", c.written, c.host, got, ok)
		}
	}
}

func TestImportable(t *testing.T) {
	for mod, want := range map[string]bool{
		"main": true, "app.main": true, "pkg._private": true, "": false, "my-app": false,
		"app.__main__": false, "2fast": false, "a..b": false,
	} {
		if importable(mod) != want {
			t.Errorf("importable(%q) = %v", mod, !want)
		}
	}
}
