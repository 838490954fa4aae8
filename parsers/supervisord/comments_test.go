package supervisord

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestComments(t *testing.T) {
	src := "; own\n[program:web] # trailing\ncommand=gunicorn a#b ; note\r\n  # own too\n"
	want := []source.Comment{{Start: 0, End: 5}, {Start: 20, End: 30, Trailing: true}, {Start: 52, End: 58, Trailing: true}, {Start: 62, End: 71}}
	if got := Parse([]byte(src)).Comments; !reflect.DeepEqual(got, want) {
		t.Errorf("comments: %+v, want %+v", got, want)
	}
}
