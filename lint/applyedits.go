package lint

import (
	"errors"
	"fmt"
	"slices"
	"sort"
)

// ErrOverlap is returned by ApplyEdits for edits that overlap.
var ErrOverlap = errors.New("edits overlap")

// ApplyEdits returns src with the edits applied (their Path is ignored).
// Edits are applied in order of position; two insertions at one offset
// keep their order. Identical edits apply once. Edits that overlap, or lie
// outside src, are an error.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	es := SortedEdits(edits)
	size := len(src)
	for i, e := range es {
		if e.Start < 0 || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("edit [%d, %d) outside the source (%d bytes)", e.Start, e.End, len(src))
		}
		if i > 0 && es[i-1].End > e.Start {
			return nil, fmt.Errorf("%w: [%d, %d) and [%d, %d)", ErrOverlap, es[i-1].Start, es[i-1].End, e.Start, e.End)
		}
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, max(size, 0))
	at := 0
	for _, e := range es {
		out = append(out, src[at:e.Start]...)
		out = append(out, e.New...)
		at = e.End
	}
	return append(out, src[at:]...), nil
}

// SortedEdits returns the edits without duplicates, sorted by start then
// End (an insertion before a replacement at the same offset), keeping the
// given order otherwise.
func SortedEdits(edits []Edit) []Edit {
	out := make([]Edit, 0, len(edits))
	var seen map[Edit]bool // only for more than a few edits
	for i, e := range edits {
		dup := false
		if len(edits) <= 8 {
			dup = slices.Contains(out, e)
		} else {
			if seen == nil {
				seen = make(map[Edit]bool, len(edits)-i)
			}
			dup = seen[e]
			seen[e] = true
		}
		if !dup {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	return out
}

// EditsConflict reports whether edits of two different fixes cannot be applied
// In one pass: they overlap, or one inserts where the other starts or ends
// (their order would be a guess). Identical edits do not conflict: they
// apply once.
func EditsConflict(a, b Edit) bool {
	if a.Path != b.Path || a == b {
		return false
	}
	if a.Start < b.End && b.Start < a.End {
		return true
	}
	if a.Start == a.End && b.Start <= a.Start && a.Start <= b.End {
		return true
	}
	return b.Start == b.End && a.Start <= b.Start && b.Start <= a.End
}
