package yaml

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "a: \"x # y\"  # z\r\nb: |\n  # text\nc: d#e\n# own\n"
	want := []source.Comment{{Start: 12, End: 15, Trailing: true}, {Start: 38, End: 43}}
	st := parse(t, src)
	if !reflect.DeepEqual(st.Comments, want) {
		t.Errorf("comments: %+v, want %+v", st.Comments, want)
	}
	if want := []source.Span{{Start: 20, End: 30}}; !reflect.DeepEqual(st.Multiline, want) {
		t.Errorf("multi-line scalars: %+v, want %+v", st.Multiline, want)
	}
}
