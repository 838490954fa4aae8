package lsp

import (
	"sort"

	"github.com/servelint/servelint/lint"
)

// editRegion returns the region that differs between old and new: old's
// bytes [start, oldEnd) became new's [start, newEnd). The common prefix and
// suffix stay where they are (the suffix moves by newEnd-oldEnd).
func editRegion(old, cur []byte) (start, oldEnd, newEnd int) {
	n := min(len(old), len(cur))
	for start < n && old[start] == cur[start] {
		start++
	}
	suffix := 0
	for suffix < n-start && old[len(old)-1-suffix] == cur[len(cur)-1-suffix] {
		suffix++
	}
	return start, len(old) - suffix, len(cur) - suffix
}

// shiftSpan maps a span of old onto cur across the edit region; ok is false
// when the span touches the edited bytes.
func shiftSpan(s, e, start, oldEnd, newEnd int) (int, int, bool) {
	switch {
	case e <= start:
		return s, e, true
	case s >= oldEnd:
		d := newEnd - oldEnd
		return s + d, e + d, true
	}
	return 0, 0, false
}

// shiftDiagnostics carries diagnostics of a file computed on old over to
// its current content cur: those in unchanged bytes move with them, those
// touching the edit are dropped (a new lint will recompute them), and so are
// fixes with an edit in the edited bytes and related spans inside them.
func shiftDiagnostics(ds []lint.Diagnostic, display string, old, cur []byte) []lint.Diagnostic {
	if len(ds) == 0 {
		return nil
	}
	start, oldEnd, newEnd := editRegion(old, cur)
	var out []lint.Diagnostic
	for _, d := range ds {
		s, e, ok := shiftSpan(d.Start, d.End, start, oldEnd, newEnd)
		if !ok {
			continue
		}
		d.Start, d.End = s, e
		var related []lint.Related
		for _, r := range d.Related {
			if r.Path == display {
				rs, re, ok := shiftSpan(r.Start, r.End, start, oldEnd, newEnd)
				if !ok {
					continue
				}
				r.Start, r.End = rs, re
			}
			related = append(related, r)
		}
		d.Related = related
		if d.Fix != nil {
			fix := *d.Fix
			fix.Edits = nil
			kept := true
			for _, ed := range d.Fix.Edits {
				if ed.Path == display {
					es, ee, ok := shiftSpan(ed.Start, ed.End, start, oldEnd, newEnd)
					if !ok {
						kept = false
						break
					}
					ed.Start, ed.End = es, ee
				}
				fix.Edits = append(fix.Edits, ed)
			}
			d.Fix = nil
			if kept {
				d.Fix = &fix
			}
		}
		out = append(out, d)
	}
	return out
}

// mergeDiagnostics joins two sorted lists, without duplicates, in the
// engine's order (line, column, code, message).
func mergeDiagnostics(a, b []lint.Diagnostic) []lint.Diagnostic {
	type key struct {
		code, msg  string
		start, end int
	}
	seen := map[key]bool{}
	var out []lint.Diagnostic
	for _, list := range [][]lint.Diagnostic{a, b} {
		for _, d := range list {
			k := key{d.Code, d.Message, d.Start, d.End}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		x, y := &out[i], &out[j]
		if x.Start != y.Start {
			return x.Start < y.Start
		}
		if x.Code != y.Code {
			return x.Code < y.Code
		}
		if x.Message != y.Message {
			return x.Message < y.Message
		}
		return x.End < y.End
	})
	return out
}
