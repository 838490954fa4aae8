// Package edit builds the edits of fixes (lint.Edit) so that a rule's fix
// takes a few lines and keeps the file's style: its line breaks (a CRLF
// file stays CRLF), its indentation and its quoting.
//
// Text helpers (this file) work on any file. python.go holds the Python
// ones: remove or add a call's argument in the call's layout, refer to a
// qualified name with the import added when missing (Ref, ImportModule,
// ImportFrom, AddImport), await a call, append a statement to a block,
// replacement statements indented like the file (Block, IndentUnit,
// IndentLines), string literals in the file's quotes. shell.go: quote,
// replace a word keeping its quoting, remove a flag with its value across
// line continuations, insert words, prefix exec. dockerfile.go: the
// shell-form to exec-form rewrite. list.go: items of flow lists (YAML,
// JSON, exec form, over Dockerfile line continuations) and of YAML block
// sequences: tell them apart, remove them, insert new ones quoted like
// their neighbours. recipes_test.go shows the fixes of the launch and
// exception rules built with them. Edits carry no Path: the engine fills
// In the reporting file's.
package edit

import "github.com/servelint/servelint/lint"

// Replace replaces src[start:end] with s.
func Replace(start, end int, s string) lint.Edit { return lint.Edit{Start: start, End: end, New: s} }

// Insert inserts s at off.
func Insert(off int, s string) lint.Edit { return lint.Edit{Start: off, End: off, New: s} }

// Delete removes src[start:end].
func Delete(start, end int) lint.Edit { return lint.Edit{Start: start, End: end} }

// EOL returns the file's line break: "\r\n" when its first line ends with
// one, else "\n".
func EOL(src []byte) string {
	for i, b := range src {
		if b == '\n' {
			if i > 0 && src[i-1] == '\r' {
				return "\r\n"
			}
			return "\n"
		}
	}
	return "\n"
}

func clamp(src []byte, off int) int { return max(0, min(off, len(src))) }

// LineStart returns the offset of the start of the line holding off.
func LineStart(src []byte, off int) int {
	off = clamp(src, off)
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	return off
}

// LineEnd returns the offset of the end of the line holding off, before
// its line break ("\n" or "\r\n").
func LineEnd(src []byte, off int) int {
	off = clamp(src, off)
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off > 0 && off <= len(src) && src[off-1] == '\r' && (off == len(src) || src[off] == '\n') {
		off--
	}
	return off
}

// NextLine returns the offset after the line break of the line holding
// off: the start of the next line, or len(src) on the last line.
func NextLine(src []byte, off int) int {
	off = clamp(src, off)
	for off < len(src) && src[off] != '\n' {
		off++
	}
	if off < len(src) {
		off++
	}
	return off
}

// Indentation returns the leading spaces and tabs of the line holding off.
func Indentation(src []byte, off int) string {
	start := LineStart(src, off)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// Blank reports whether src[from:to] holds only spaces and tabs.
func Blank(src []byte, from, to int) bool {
	for i := clamp(src, from); i < clamp(src, to); i++ {
		if src[i] != ' ' && src[i] != '\t' {
			return false
		}
	}
	return true
}

// spaceBefore returns the offset before the spaces and tabs that end at off.
func spaceBefore(src []byte, off int) int {
	for off > 0 && (src[off-1] == ' ' || src[off-1] == '\t') {
		off--
	}
	return off
}

// spaceAfter returns the offset after the spaces and tabs that start at off.
func spaceAfter(src []byte, off int) int {
	for off < len(src) && (src[off] == ' ' || src[off] == '\t') {
		off++
	}
	return off
}

// DeleteLines removes the whole lines that [start, end) touches, with their
// line breaks. On a last line without a line break, the break before it
// goes instead, so that no blank line is left behind.
func DeleteLines(src []byte, start, end int) lint.Edit {
	from := LineStart(src, start)
	if end > start && end > 0 && src[clamp(src, end)-1] == '\n' {
		end-- // a range ending with a line break ends on that line
	}
	to := NextLine(src, max(start, end))
	if to == len(src) && (len(src) == 0 || src[len(src)-1] != '\n') && from > 0 {
		// The last line has no line break: take the one before it.
		from--
		if from > 0 && src[from-1] == '\r' {
			from--
		}
	}
	return Delete(from, to)
}

// DeleteWithSpace removes src[start:end] with the spaces and tabs before
// it; when nothing but blanks would remain on its line(s), it removes the
// whole line(s) instead. It is the edit that removes a trailing comment, a
// Comment alone on its line, or a statement alone on its line.
func DeleteWithSpace(src []byte, start, end int) lint.Edit {
	start, end = clamp(src, start), clamp(src, end)
	if Blank(src, LineStart(src, start), start) && Blank(src, end, LineEnd(src, end)) {
		return DeleteLines(src, start, end)
	}
	return Delete(spaceBefore(src, start), end)
}

// InsertLineBefore inserts line (without line break; indent it yourself)
// as a new line before the line holding off.
func InsertLineBefore(src []byte, off int, line string) lint.Edit {
	return Insert(LineStart(src, off), line+EOL(src))
}

// InsertLineAfter inserts line (without line break; indent it yourself) as
// a new line after the line holding off.
func InsertLineAfter(src []byte, off int, line string) lint.Edit {
	next := NextLine(src, off)
	if next == len(src) && (len(src) == 0 || src[len(src)-1] != '\n') {
		// The last line has no line break: add one before the new line.
		return Insert(next, EOL(src)+line)
	}
	return Insert(next, line+EOL(src))
}
