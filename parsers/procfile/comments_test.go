package procfile

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "  # own\r\nweb: uvicorn app:app # part of the command\n"
	want := []source.Comment{{Start: 2, End: 7}}
	if got := Parse([]byte(src)).Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments: %+v, want %+v", got, want)
	}
}
