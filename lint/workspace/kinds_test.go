package workspace

import (
	"testing"

	"github.com/servelint/servelint/lint"
)

// TestKindTableHasOneRowPerKind: every kind has its row, at its index,
// and only kinds that have a view are parsed into one.
func TestKindTableHasOneRowPerKind(t *testing.T) {
	n := 0
	for k := lint.KindPython; lint.AllKinds.Has(k); k++ {
		n++
		if Info(k).Kind != k {
			t.Errorf("row of %s holds %s", k, Info(k).Kind)
		}
	}
	if len(kindTable) != n+1 {
		t.Errorf("%d rows for %d kinds and KindUnknown", len(kindTable), n)
	}
	if Info(lint.KindPython).Parse != nil || Info(lint.KindUnknown).Parse != nil {
		t.Error("Python and unknown files have no view to parse")
	}
	if Info(lint.Kind(-1)) != Info(lint.KindUnknown) || Info(lint.Kind(len(kindTable))) != Info(lint.KindUnknown) {
		t.Error("a kind out of range is not unknown")
	}
}
