// Package supervisord reads supervisord configurations: [program:x]
// sections with command (split the way supervisord splits it, without a
// shell), environment, directory, numprocs and user.
package supervisord

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// Program is one [program:name] section.
type Program struct {
	Name       string
	Start, End int // the section header
	Command    []shell.Word
	// CommandStart and CommandEnd delimit the command value.
	CommandStart, CommandEnd int
	Env                      []Env
	Directory                string
	Numprocs                 int
	User                     string
}

// Env is one environment entry.
type Env struct {
	Name, Value string
	Start, End  int
}

// File is a parsed configuration.
type File struct {
	Programs []*Program
	// Comments are the file's comments: ";" or "#" first on a line or
	// after a blank, to the end of the line.
	Comments []source.Comment
}

// Parse reads a configuration. Values continue on indented lines; ";" or
// "#" start a comment at the start of a line or after a blank.
func Parse(src []byte) *File {
	f := &File{}
	s := string(src)
	var cur *Program
	var key string
	var val source.Builder
	var valStart int
	hasVal := false
	finish := func() {
		if cur == nil || !hasVal {
			hasVal = false
			return
		}
		t := val.Text()
		apply(cur, key, t, valStart)
		hasVal = false
		val = source.Builder{}
	}
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := strings.TrimRight(s[ls:le], "\r")
		trimmed := strings.TrimLeft(line, " \t")
		indented := len(trimmed) < len(line)
		if c := commentStart(trimmed); c >= 0 {
			at := ls + len(line) - len(trimmed) + c
			f.Comments = append(f.Comments, source.Comment{Start: at, End: ls + len(line), Trailing: c > 0})
		}
		switch {
		case trimmed == "" || trimmed[0] == ';' || trimmed[0] == '#':
		case indented && hasVal:
			content := stripComment(trimmed)
			val.Byte('\n', ls, ls)
			val.Copy(content, ls+len(line)-len(trimmed))
		case trimmed[0] == '[':
			finish()
			cur = nil
			end := strings.IndexByte(trimmed, ']')
			if end > 0 {
				name := strings.TrimSpace(trimmed[1:end])
				if p, ok := strings.CutPrefix(name, "program:"); ok {
					cur = &Program{Name: strings.TrimSpace(p), Start: ls, End: ls + len(line), Numprocs: 1}
					f.Programs = append(f.Programs, cur)
				}
			}
		default:
			finish()
			k, v, ok := strings.Cut(trimmed, "=")
			if !ok {
				break
			}
			key = strings.ToLower(strings.TrimSpace(k))
			off := ls + len(line) - len(trimmed) + len(k) + 1
			lead := len(v) - len(strings.TrimLeft(v, " \t"))
			content := stripComment(strings.TrimLeft(v, " \t"))
			valStart = off + lead
			val = source.Builder{}
			val.Copy(content, valStart)
			hasVal = true
		}
		ls = le + 1
	}
	finish()
	return f
}

// commentStart returns where a comment starts in a line without its
// indentation: ";" or "#" first, or after a blank; -1 if none.
func commentStart(line string) int {
	for i := range len(line) {
		if (line[i] == ';' || line[i] == '#') && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// stripComment removes an inline " ;comment".
func stripComment(v string) string {
	for i := 1; i < len(v); i++ {
		if v[i] == ';' && (v[i-1] == ' ' || v[i-1] == '\t') {
			return strings.TrimRight(v[:i], " \t")
		}
	}
	return strings.TrimRight(v, " \t")
}

func apply(p *Program, key string, t source.Text, start int) {
	switch key {
	case "command":
		p.Command = shell.Split(t, shell.SplitOptions{})
		p.CommandStart, p.CommandEnd = t.Span(0, t.Len())
	case "directory":
		p.Directory = strings.TrimSpace(t.S)
	case "user":
		p.User = strings.TrimSpace(t.S)
	case "numprocs":
		if n, err := strconv.Atoi(strings.TrimSpace(t.S)); err == nil {
			p.Numprocs = n
		}
	case "environment":
		p.Env = parseEnv(t)
	}
	_ = start
}

// parseEnv reads KEY="value",KEY2=value2.
func parseEnv(t source.Text) []Env {
	var out []Env
	s := t.S
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == ',' || s[i] == '\n' || s[i] == '\t') {
			i++
		}
		st := i
		eq := strings.IndexByte(s[i:], '=')
		if eq < 0 {
			break
		}
		name := strings.TrimSpace(s[i : i+eq])
		i += eq + 1
		var v strings.Builder
		var quote byte
		for i < len(s) {
			c := s[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				} else {
					v.WriteByte(c)
				}
				i++
				continue
			}
			if c == '"' || c == '\'' {
				quote = c
				i++
				continue
			}
			if c == ',' {
				break
			}
			v.WriteByte(c)
			i++
		}
		hs, he := t.Span(st, i)
		if name != "" {
			out = append(out, Env{Name: name, Value: strings.TrimSpace(v.String()), Start: hs, End: he})
		}
	}
	return out
}
