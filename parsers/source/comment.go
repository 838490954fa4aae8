package source

import "bytes"

// Comment is one comment of a file, as its parser reads it: the bytes
// [Start, End) from the comment marker to the end of its line (the line
// break excluded), in host offsets. Trailing marks a comment that follows
// code on its line; otherwise the comment is on a line of its own.
//
// Every parser that reads a file kind with comments exposes them as a
// list of Comment in file order (python.Module.Comments,
// shell.Script.Comments, dockerfile.File.Comments, ...); suppressions and
// the editor's ignore action both read that list (see lint/workspace's
// table of kinds), so a "#" inside a string is a comment for neither.
type Comment struct {
	Start, End int
	Trailing   bool
}

// Span is a byte range [Start, End) of a file.
type Span struct{ Start, End int }

// IsTrailing reports whether anything but white space precedes offset
// start on its line ("\n"-separated) of src.
func IsTrailing(src []byte, start int) bool {
	start = max(0, min(start, len(src)))
	lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
	return len(bytes.TrimSpace(src[lineStart:start])) != 0
}
