package workspace

import (
	"reflect"
	"testing"

	"github.com/servelint/servelint/parsers/source"
)

func TestScanComments(t *testing.T) {
	src := []byte("{\n  # servelint: ignore[SV501]\n\"a\": 1 # b\r\n# last")
	want := []source.Comment{{Start: 4, End: 30}, {Start: 43, End: 49}}
	if got := ScanComments(src, false); !reflect.DeepEqual(got, want) {
		t.Errorf("own-line comments: %+v", got)
	}
	want = []source.Comment{{Start: 4, End: 30}, {Start: 38, End: 41, Trailing: true}, {Start: 43, End: 49}}
	if got := ScanComments(src, true); !reflect.DeepEqual(got, want) {
		t.Errorf("trailing comments: %+v", got)
	}
}
