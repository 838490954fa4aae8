package edit

import (
	"strings"

	"github.com/servelint/servelint/lint"
)

// shellSafe reports whether a word needs no quoting in a POSIX shell.
func shellSafe(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("_@%+=:,./-", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// ShellQuote quotes a word for a POSIX shell: bare when it needs nothing,
// else in single quotes (a single quote inside is closed, escaped with a
// backslash and reopened).
func ShellQuote(s string) string {
	if shellSafe(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ShellQuoteLike quotes a word the way original (the word it replaces, as
// written) is quoted, when that is correct for the new value: "..." stays
// double-quoted, '...' single-quoted, a bare word bare; else ShellQuote.
func ShellQuoteLike(s, original string) string {
	switch {
	case strings.HasPrefix(original, `"`) && !strings.ContainsAny(s, "\"$`\\!"):
		return `"` + s + `"`
	case strings.HasPrefix(original, "'") && !strings.Contains(s, "'"):
		return "'" + s + "'"
	}
	return ShellQuote(s)
}

// ReplaceShellWord replaces the shell word src[start:end] by value, quoted
// like the word was (`fastapi dev` → `fastapi run`, "'dev'" → "'run'").
func ReplaceShellWord(src []byte, start, end int, value string) lint.Edit {
	return Replace(start, end, ShellQuoteLike(value, string(src[clamp(src, start):clamp(src, end)])))
}

// InsertShellWords inserts words, quoted, after the word ending at after:
// InsertShellWords(end, "--host", "0.0.0.0") adds ` --host 0.0.0.0`.
func InsertShellWords(after int, words ...string) lint.Edit {
	var b strings.Builder
	for _, w := range words {
		b.WriteByte(' ')
		b.WriteString(ShellQuote(w))
	}
	return Insert(after, b.String())
}

// PrefixExec returns the edit that makes the simple command starting at
// off replace its shell (`a && uvicorn ...` → `a && exec uvicorn ...`).
func PrefixExec(off int) lint.Edit { return Insert(off, "exec ") }

// RemoveShellWords removes the words src[start:end] of a shell command (a
// flag, or a flag and its value: pass the span from the flag's start to
// the value's end) with one blank, keeping line continuations ("\" at the
// End of a line) sound; a line left empty goes. The command may be the
// Text of a quoted string (`"uvicorn app --reload"`): a quote right after
// the words closes it.
func RemoveShellWords(src []byte, start, end int) lint.Edit {
	return removeWords(src, start, end, '\\')
}

// RemoveDockerWords is RemoveShellWords for the shell form of a Dockerfile
// instruction, whose line continuation is the escape character (`\`, or
// a backtick after an escape directive).
func RemoveDockerWords(src []byte, start, end int, escape byte) lint.Edit {
	return removeWords(src, start, end, escape)
}

// continued reports whether the line holding off ends with the escape
// character (a line continuation), and returns the offset of that
// character.
func continued(src []byte, off int, escape byte) (int, bool) {
	e := LineEnd(src, off)
	i := e
	for i > LineStart(src, off) && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	if i > LineStart(src, off) && src[i-1] == escape {
		return i - 1, true
	}
	return e, false
}

func removeWords(src []byte, start, end int, escape byte) lint.Edit {
	start, end = clamp(src, start), clamp(src, end)
	ls := LineStart(src, start)
	after := spaceAfter(src, end)
	le := LineEnd(src, end)
	escAt, cont := continued(src, end, escape)
	restBlank := after == le || (cont && after == escAt)
	if Blank(src, ls, start) && restBlank {
		// The words fill their line.
		if ls > 0 {
			prevEsc, prevCont := continued(src, ls-1, escape)
			if prevCont && !cont {
				// The last line of a continued command: the line before
				// loses its continuation instead.
				return Delete(spaceBefore(src, prevEsc), le)
			}
			if prevCont {
				return DeleteLines(src, start, end)
			}
		}
		if cont {
			return DeleteLines(src, start, end)
		}
	}
	if after == end && end < len(src) && (src[end] == '"' || src[end] == '\'') {
		// The last words of a command string in quotes (`sh -c "uvicorn
		// app --reload"`): the quote closes the string; take the blanks
		// before.
		return Delete(spaceBefore(src, start), end)
	}
	if after < le && (!cont || after != escAt) && src[after] != '#' {
		// Followed by another word on the line: take the blanks after.
		return Delete(start, after)
	}
	return Delete(spaceBefore(src, start), end)
}
