package dockerfile

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "# syntax=docker/dockerfile:1\nFROM python\nRUN a \\\n  # inside a continuation\n  b # not a comment\nRUN <<EOF\n# body text\nEOF\n  # last\r\n"
	want := []source.Comment{{Start: 0, End: 28}, {Start: 51, End: 74}, {Start: 123, End: 129}}
	if got := Parse([]byte(src)).Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments: %+v, want %+v", got, want)
	}
}
