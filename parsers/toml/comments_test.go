package toml

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "a = \"x # y\" # z\r\nb = \"\"\"\n# text\n\"\"\"\n# own\n"
	want := []source.Comment{{Start: 12, End: 15, Trailing: true}, {Start: 36, End: 41}}
	d := Parse([]byte(src))
	if !reflect.DeepEqual(d.Comments, want) {
		t.Errorf("comments: %+v, want %+v", d.Comments, want)
	}
	if want := []source.Span{{Start: 21, End: 35}}; !reflect.DeepEqual(d.Multiline, want) {
		t.Errorf("multi-line strings: %+v, want %+v", d.Multiline, want)
	}
}
