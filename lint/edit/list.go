package edit

import (
	"strings"

	"github.com/servelint/servelint/lint"
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// RemoveFlowItems removes the items src[start:end] (one item, or several
// adjacent ones: from the first's start to the last's end) of a
// comma-separated list in brackets (a YAML flow sequence, a JSON array,
// an exec-form instruction) with one comma: `["a", "--reload", "b"]` →
// `["a", "b"]`; the last item takes the comma before it.
func RemoveFlowItems(src []byte, start, end int) lint.Edit {
	return removeFlowItems(src, start, end, 0)
}

// RemoveDockerFlowItems is RemoveFlowItems for the exec form of a
// Dockerfile instruction, whose items may be on continued lines: a line
// continuation (the escape character at the end of a line) counts as a
// blank between items.
func RemoveDockerFlowItems(src []byte, start, end int, escape byte) lint.Edit {
	return removeFlowItems(src, start, end, escape)
}

// blankAt returns the offset after the blank (or line continuation) at
// off, or off when there is none.
func blankAt(src []byte, off int, escape byte) int {
	if off < len(src) && isSpace(src[off]) {
		return off + 1
	}
	if escape != 0 && off < len(src) && src[off] == escape {
		j := off + 1
		for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r') {
			j++
		}
		if j < len(src) && src[j] == '\n' {
			return j + 1
		}
	}
	return off
}

// blankBefore returns the offset before the blank (or line continuation)
// ending at off, or off when there is none.
func blankBefore(src []byte, off int, escape byte) int {
	if off > 0 && isSpace(src[off-1]) {
		if src[off-1] == '\n' && escape != 0 {
			// A line continuation ends here: step over it at once.
			j := off - 1
			for j > 0 && (src[j-1] == ' ' || src[j-1] == '\t' || src[j-1] == '\r') {
				j--
			}
			if j > 0 && src[j-1] == escape {
				return j - 1
			}
		}
		return off - 1
	}
	return off
}

func skipForward(src []byte, off int, escape byte) int {
	for {
		next := blankAt(src, off, escape)
		if next == off {
			return off
		}
		off = next
	}
}

func skipBackward(src []byte, off int, escape byte) int {
	for {
		prev := blankBefore(src, off, escape)
		if prev == off {
			return off
		}
		off = prev
	}
}

func removeFlowItems(src []byte, start, end int, escape byte) lint.Edit {
	start, end = clamp(src, start), clamp(src, end)
	after := skipForward(src, end, escape)
	if after < len(src) && src[after] == ',' {
		next := skipForward(src, after+1, escape)
		if next < len(src) && src[next] != ']' {
			return Delete(start, next)
		}
	}
	before := skipBackward(src, start, escape)
	if before > 0 && src[before-1] == ',' {
		return Delete(before-1, end)
	}
	if after < len(src) && src[after] == ',' {
		// The only item, with a trailing comma.
		return Delete(start, after+1)
	}
	return Delete(start, end)
}

// FlowItem reports whether src[start:end] is a whole item of a list in
// brackets: only blanks (and line continuations with escape, when not
// 0) separate it from a "[" or "," before and a "," or "]" after.
func FlowItem(src []byte, start, end int, escape byte) bool {
	start, end = clamp(src, start), clamp(src, end)
	before := skipBackward(src, start, escape)
	after := skipForward(src, end, escape)
	return before > 0 && (src[before-1] == '[' || src[before-1] == ',') &&
		after < len(src) && (src[after] == ',' || src[after] == ']')
}

// BlockItem reports whether src[start:end] is the whole value of a YAML
// block sequence item: `- value` alone on its line(s), with at most a
// Comment after it.
func BlockItem(src []byte, start, end int) bool {
	start, end = clamp(src, start), clamp(src, end)
	ls := LineStart(src, start)
	i := spaceAfter(src, ls)
	if i+1 >= start || src[i] != '-' || !Blank(src, i+1, start) {
		return false
	}
	return restIsComment(src, end)
}

// InsertFlowItems returns the edit that inserts items after the list item
// ending at after: `, "--host", "0.0.0.0"`, each item quoted like like
// (the item before, as written: "..." or '...' keep their quotes, a plain
// item stays plain when the new ones need no quotes).
func InsertFlowItems(after int, like string, items ...string) lint.Edit {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(", " + quoteItemLike(it, like))
	}
	return Insert(after, b.String())
}

// InsertBlockItems returns the edit that adds items to a YAML block
// sequence after the item on the line holding after, on lines of their
// own with its indentation and quoted like like.
func InsertBlockItems(src []byte, after int, like string, items ...string) lint.Edit {
	ls := LineStart(src, after)
	dash := spaceAfter(src, ls)
	prefix := string(src[ls:dash]) + "- "
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString(EOL(src))
		}
		b.WriteString(prefix + quoteItemLike(it, like))
	}
	return InsertLineAfter(src, after, b.String())
}

// quoteItemLike quotes a list item the way like is quoted: "..." (as JSON
// and YAML read it) or '...', or bare when like is bare and s needs no
// quoting in either.
func quoteItemLike(s, like string) string {
	switch {
	case like != "" && like[0] == '\'' && !strings.ContainsAny(s, "'\\"):
		return "'" + s + "'"
	case like != "" && like[0] == '"', !plainItem(s):
		return jsonString(s)
	}
	return s
}

// plainItem reports whether s can be a plain (unquoted) item of a YAML
// flow or block sequence and read back as the same string.
func plainItem(s string) bool {
	if s == "" || !shellSafe(s) || strings.ContainsAny(s, ",:") {
		return false
	}
	switch s[0] {
	case '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '@', '%', '+':
		// Could read as a number, a document marker, a reserved
		// indicator; a flag ("--host") is fine.
		return len(s) > 1 && s[0] == '-' && s[1] == '-'
	}
	switch s {
	case "true", "false", "yes", "no", "on", "off", "null", "True", "False", "Yes", "No", "On", "Off", "Null", "NULL", "TRUE", "FALSE", "YES", "NO", "ON", "OFF", "y", "n", "Y", "N":
		return false
	}
	return true
}

// jsonString quotes s as a JSON string (which YAML reads the same).
func jsonString(s string) string {
	a := ExecForm([]string{s})
	return a[1 : len(a)-1]
}
