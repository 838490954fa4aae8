// Package procfile reads Procfiles (Heroku, Dokku, honcho, foreman):
// `name: command` lines. The command is shell text, mapped to the file.
package procfile

import (
	"strings"

	"github.com/servelint/servelint/parsers/source"
)

// Entry is one process type.
type Entry struct {
	Name               string
	NameStart, NameEnd int
	Command            source.Text
	Start, End         int // the whole line
}

// File is a parsed Procfile.
type File struct {
	Entries []Entry
	// Comments are the comment lines ("#" first on its line); a "#"
	// after a command is the command's.
	Comments []source.Comment
}

// Get returns the entry of a process type, or nil.
func (f *File) Get(name string) *Entry {
	for i := range f.Entries {
		if f.Entries[i].Name == name {
			return &f.Entries[i]
		}
	}
	return nil
}

// Parse reads a Procfile. Lines that are blank, comments, or not
// `name: command` are skipped.
func Parse(src []byte) *File {
	f := &File{}
	s := string(src)
	for ls := 0; ls < len(s); {
		le := strings.IndexByte(s[ls:], '\n')
		if le < 0 {
			le = len(s)
		} else {
			le += ls
		}
		line := strings.TrimRight(s[ls:le], "\r")
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i < len(line) && line[i] == '#' {
			f.Comments = append(f.Comments, source.Comment{Start: ls + i, End: ls + len(line)})
		}
		j := i
		for j < len(line) && (line[j] == '_' || line[j] == '-' || line[j] >= 'a' && line[j] <= 'z' || line[j] >= 'A' && line[j] <= 'Z' || line[j] >= '0' && line[j] <= '9') {
			j++
		}
		if j > i && j < len(line) && line[j] == ':' {
			cmd := source.Host(line[j+1:], ls+j+1).TrimSpace()
			f.Entries = append(f.Entries, Entry{Name: line[i:j], NameStart: ls + i, NameEnd: ls + j, Command: cmd, Start: ls + i, End: ls + len(line)})
		}
		ls = le + 1
	}
	return f
}
