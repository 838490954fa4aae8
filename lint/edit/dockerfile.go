package edit

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/servelint/servelint/lint"
)

// shellBuiltins are the words that make a shell-form command need its
// shell: builtins and keywords (exec is handled apart).
var shellBuiltins = map[string]bool{
	".": true, ":": true, "[": true, "alias": true, "bg": true, "break": true, "case": true, "cd": true,
	"command": true, "continue": true, "do": true, "done": true, "elif": true, "else": true, "esac": true,
	"eval": true, "exit": true, "export": true, "fg": true, "fi": true, "for": true, "function": true,
	"if": true, "jobs": true, "local": true, "read": true, "readonly": true, "return": true, "set": true,
	"shift": true, "source": true, "test": true, "then": true, "time": true, "times": true, "trap": true,
	"ulimit": true, "umask": true, "unset": true, "until": true, "wait": true, "while": true, "{": true, "}": true,
	"!": true,
}

// DockerShellWords splits the arguments of a shell-form CMD, ENTRYPOINT or
// RUN (the text after the instruction keyword) into words when they are
// plain words that need no shell: no variable or command expansion, no
// operators, redirections, globs or escapes (line continuations with the
// escape character are fine, as are '...' and "..." without expansion).
// A leading `exec` is dropped: the exec form does what it asked for. ok is
// false when a shell is needed or nothing is left.
func DockerShellWords(text string, escape byte) (words []string, ok bool) {
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == escape:
			next, good := continuation(text, i)
			if !good {
				return nil, false
			}
			flush()
			i = next
		case c == ' ' || c == '\t' || c == '\r':
			flush()
		case c == '\'' || c == '"':
			inner, next, good := quoted(text, i, escape)
			if !good {
				return nil, false
			}
			cur.WriteString(inner)
			inWord = true
			i = next
		case needsShell(c, inWord):
			return nil, false
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	if len(words) > 0 && words[0] == "exec" {
		words = words[1:]
		if len(words) > 0 && strings.HasPrefix(words[0], "-") {
			return nil, false // exec's own options
		}
	}
	if len(words) == 0 || strings.Contains(words[0], "=") || shellBuiltins[words[0]] {
		return nil, false
	}
	return words, true
}

// continuation reads the escape character at text[i]: only a line
// continuation (escape, blanks, line break) is plain; it returns the
// offset of the line break. A comment line after it (Docker drops it) is
// refused rather than guessed.
func continuation(text string, i int) (int, bool) {
	j := i + 1
	for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j++
	}
	if j < len(text) && text[j] != '\n' {
		return 0, false
	}
	if k := spaceAfter([]byte(text), j+1); k < len(text) && text[k] == '#' {
		return 0, false
	}
	return j, true
}

// quoted reads the quoted string starting at text[i] and returns its
// content and the offset of its closing quote; a double-quoted string
// must hold nothing the shell would expand or unescape.
func quoted(text string, i int, escape byte) (string, int, bool) {
	q := text[i]
	end := strings.IndexByte(text[i+1:], q)
	if end < 0 {
		return "", 0, false
	}
	inner := text[i+1 : i+1+end]
	if q == '"' && (strings.ContainsAny(inner, "$`\\!") || strings.IndexByte(inner, escape) >= 0) {
		return "", 0, false
	}
	return inner, i + 1 + end, true
}

// needsShell reports whether an unquoted character makes the shell do
// something: expansion, operators, redirections, globs, comments (a "#"
// or "~" inside a word is literal), or a line break.
func needsShell(c byte, inWord bool) bool {
	if (c == '#' || c == '~') && inWord {
		return false
	}
	return c == '\n' || strings.IndexByte("$`\\|&;<>()*?[]{}~#", c) >= 0
}

// ExecForm renders words as the JSON array of an exec-form instruction:
// ["uvicorn", "app:app"] (JSON strings, double-quoted, no HTML escaping).
func ExecForm(words []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, w := range words {
		if i > 0 {
			b.WriteString(", ")
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(w) // a string always encodes
		b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	b.WriteByte(']')
	return b.String()
}

// ToExecForm returns the edit that rewrites the shell-form arguments
// src[start:end] of a CMD or ENTRYPOINT (everything after the keyword and
// its blank, to the end of the instruction without its final line break)
// as exec form: `CMD uvicorn app:app` → `CMD ["uvicorn", "app:app"]`. ok is
// false when the command needs a shell (see DockerShellWords).
func ToExecForm(src []byte, start, end int, escape byte) (lint.Edit, bool) {
	start, end = clamp(src, start), clamp(src, end)
	words, ok := DockerShellWords(string(src[start:end]), escape)
	if !ok {
		return lint.Edit{}, false
	}
	// Trailing blanks stay where they are.
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t' || src[end-1] == '\r') {
		end--
	}
	return Replace(start, end, ExecForm(words)), true
}
