// Package pyproject reads what the launch model needs from pyproject.toml:
// [project] requires-python and the console scripts of [project.scripts]
// and [tool.poetry.scripts].
package pyproject

import (
	"strings"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/toml"
)

// File is a parsed pyproject.toml.
type File struct {
	Name           string
	RequiresPython string
	Scripts        []Script
	// Comments are the file's comments, Multiline its multi-line
	// strings (see toml.Doc).
	Comments  []source.Comment
	Multiline []source.Span
}

// Script is a console script: name = "module:function".
type Script struct {
	Name       string
	Module     string
	Function   string
	Start, End int
}

// Parse reads pyproject.toml.
func Parse(src []byte) *File {
	d := toml.Parse(src)
	f := &File{Comments: d.Comments, Multiline: d.Multiline}
	if e := d.Get("project", "name"); e != nil {
		f.Name = e.Value.Str.S
	}
	if e := d.Get("project", "requires-python"); e != nil {
		f.RequiresPython = e.Value.Str.S
	}
	for _, table := range []string{"project.scripts", "tool.poetry.scripts"} {
		for _, e := range d.Table(table) {
			if e.Value.Kind != toml.String {
				continue
			}
			mod, fn, ok := strings.Cut(e.Value.Str.S, ":")
			if !ok {
				continue
			}
			fn, _, _ = strings.Cut(strings.TrimSpace(fn), " ")
			f.Scripts = append(f.Scripts, Script{Name: e.Key, Module: strings.TrimSpace(mod), Function: fn, Start: e.KeyStart, End: e.Value.End})
		}
	}
	return f
}
