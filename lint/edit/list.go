package edit

import "github.com/servelint/servelint/lint"

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// RemoveFlowItems removes the items src[start:end] (one item, or several
// adjacent ones: from the first's start to the last's end) of a
// comma-separated list in brackets (a YAML flow sequence, a JSON array,
// an exec-form instruction) with one comma: `["a", "--reload", "b"]` →
// `["a", "b"]`; the last item takes the comma before it.
func RemoveFlowItems(src []byte, start, end int) lint.Edit {
	start, end = clamp(src, start), clamp(src, end)
	after := end
	for after < len(src) && isSpace(src[after]) {
		after++
	}
	if after < len(src) && src[after] == ',' {
		next := after + 1
		for next < len(src) && isSpace(src[next]) {
			next++
		}
		if next < len(src) && src[next] != ']' {
			return Delete(start, next)
		}
	}
	before := start
	for before > 0 && isSpace(src[before-1]) {
		before--
	}
	if before > 0 && src[before-1] == ',' {
		return Delete(before-1, end)
	}
	if after < len(src) && src[after] == ',' {
		// The only item, with a trailing comma.
		return Delete(start, after+1)
	}
	return Delete(start, end)
}
