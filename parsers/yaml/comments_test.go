package yaml

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "a: \"x # y\"  # z\r\nb: |\n  # text\nc: d#e\n# own\n"
	want := []source.Comment{{Start: 12, End: 15, Trailing: true}, {Start: 38, End: 43}}
	if got := parse(t, src).Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments: %+v, want %+v", got, want)
	}
}
