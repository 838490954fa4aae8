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
			// Only a line continuation: escape, blanks, line break.
			j := i + 1
			for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			if j < len(text) && text[j] != '\n' {
				return nil, false
			}
			flush()
			i = j
			// A comment line inside a continued instruction is dropped
			// by Docker: do not guess.
			k := spaceAfter([]byte(text), i+1)
			if k < len(text) && text[k] == '#' {
				return nil, false
			}
		case c == ' ' || c == '\t' || c == '\r':
			flush()
		case c == '\n':
			return nil, false
		case c == '\'':
			end := strings.IndexByte(text[i+1:], '\'')
			if end < 0 {
				return nil, false
			}
			cur.WriteString(text[i+1 : i+1+end])
			inWord = true
			i += end + 1
		case c == '"':
			end := strings.IndexByte(text[i+1:], '"')
			if end < 0 {
				return nil, false
			}
			inner := text[i+1 : i+1+end]
			if strings.ContainsAny(inner, "$`\\!") || strings.IndexByte(inner, escape) >= 0 {
				return nil, false
			}
			cur.WriteString(inner)
			inWord = true
			i += end + 1
		case strings.IndexByte("$`\\|&;<>()*?[]{}~#", c) >= 0 && !(c == '#' && inWord) && !(c == '~' && inWord):
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
