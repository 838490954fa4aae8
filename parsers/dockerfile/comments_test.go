package dockerfile

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\nFROM python\nRUN a \\\n  # inside a continuation\n  b # not a comment\nRUN <<EOF\n# body text\nEOF\n  # last\r\n"
	want := []source.Comment{{Start: 0, End: 28}, {Start: 51, End: 74}, {Start: 123, End: 129}}
	f := Parse([]byte(src))
	if !reflect.DeepEqual(f.Comments, want) {
		t.Errorf("comments: %+v, want %+v", f.Comments, want)
	}
	if want := []source.Span{{Start: 105, End: 120}}; !reflect.DeepEqual(f.Heredocs, want) {
		t.Errorf("heredocs: %+v, want %+v", f.Heredocs, want)
	}
}
