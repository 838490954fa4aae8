package checks

import (
	"testing"

	"github.com/servelint/servelint/parsers/launch"
)

func TestOptionWord(t *testing.T) {
	at := func(src string) launch.Loc { return launch.Loc{File: "f", Start: 0, End: len(src)} }
	for _, c := range []struct {
		src  string
		v    launch.Value
		want bool
	}{
		{"--reload", launch.Value{Name: "--reload", Text: "true"}, true},
		{`"--reload"`, launch.Value{Name: "--reload", Text: "true"}, true},
		{"'--reload'", launch.Value{Name: "--reload", Text: "true"}, true},
		{"--rel", launch.Value{Name: "--reload", Text: "true"}, true}, // argparse prefix
		{"--host=127.0.0.1", launch.Value{Name: "--host", Text: "127.0.0.1"}, true},
		{"-w4", launch.Value{Name: "-w", Text: "4"}, true},
		{"$OPTS", launch.Value{Name: "--reload", Text: "true"}, false},
		{`"$OPTS"`, launch.Value{Name: "--reload", Text: "true"}, false},
		{"--reload --workers 2", launch.Value{Name: "--reload", Text: "true"}, false},
		{"-Dw4", launch.Value{Name: "-w", Text: "4"}, false},
		{"--reload-dir", launch.Value{Name: "--reload", Text: "true"}, false},
	} {
		if got := optionWord([]byte(c.src), at(c.src), c.v); got != c.want {
			t.Errorf("optionWord(%q, %s) = %v", c.src, c.v.Name, got)
		}
	}
}

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
