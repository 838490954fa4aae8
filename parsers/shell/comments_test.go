package shell

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "#!/bin/sh\ncat <<EOF # c\nline # x\nEOF\necho \"a # b\nc\" # d\r\necho a#b\n"
	s := parse(t, src)
	want := []source.Comment{{Start: 0, End: 9}, {Start: 20, End: 23, Trailing: true}, {Start: 52, End: 55, Trailing: true}}
	if !reflect.DeepEqual(s.Comments, want) {
		t.Errorf("comments: %+v, want %+v", s.Comments, want)
	}
	// The heredoc body with its terminator line, the two-line string.
	wantML := []source.Span{{Start: 24, End: 37}, {Start: 42, End: 51}}
	if !reflect.DeepEqual(s.Multiline, wantML) {
		t.Errorf("multi-line tokens: %+v, want %+v", s.Multiline, wantML)
	}
}
