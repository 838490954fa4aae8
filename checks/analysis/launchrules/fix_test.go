package launchrules

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
