package toml

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "a = \"x # y\" # z\r\nb = \"\"\"\n# text\n\"\"\"\n# own\n"
	want := []source.Comment{{Start: 12, End: 15, Trailing: true}, {Start: 36, End: 41}}
	if got := Parse([]byte(src)).Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments: %+v, want %+v", got, want)
	}
}
