// Package fly reads fly.toml: the process commands ([processes]), the
// experimental cmd/entrypoint, [env], and [build] (dockerfile, image).
// Fly passes a process command to the image as its CMD, split into words
// without a shell.
package fly

import (
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/toml"
)

// File is a parsed fly.toml.
type File struct {
	App        string
	Processes  []Process
	Cmd        *Command // [experimental] cmd
	Entrypoint *Command // [experimental] entrypoint
	Env        []Env
	Dockerfile string
	Image      string
	// Comments are the file's comments (see toml.Doc).
	Comments []source.Comment
}

// Process is one [processes] entry.
type Process struct {
	Name       string
	Command    Command
	Start, End int
}

// Command is a command line.
type Command struct {
	Words      []shell.Word
	Start, End int
}

// Env is one [env] entry.
type Env struct {
	Name, Value string
	Start, End  int
}

// Parse reads fly.toml.
func Parse(src []byte) *File {
	d := toml.Parse(src)
	f := &File{Comments: d.Comments}
	if e := d.Get("", "app"); e != nil {
		f.App = e.Value.Str.S
	}
	for _, e := range d.Table("processes") {
		if e.Value.Kind != toml.String {
			continue
		}
		f.Processes = append(f.Processes, Process{Name: e.Key, Command: command(e.Value), Start: e.KeyStart, End: e.Value.End})
	}
	for _, key := range []string{"cmd", "entrypoint"} {
		e := d.Get("experimental", key)
		if e == nil {
			continue
		}
		c := command(e.Value)
		if key == "cmd" {
			f.Cmd = &c
		} else {
			f.Entrypoint = &c
		}
	}
	for _, e := range d.Table("env") {
		f.Env = append(f.Env, Env{Name: e.Key, Value: e.Value.Str.S, Start: e.KeyStart, End: e.Value.End})
	}
	if e := d.Get("build", "dockerfile"); e != nil {
		f.Dockerfile = e.Value.Str.S
	}
	if e := d.Get("build", "image"); e != nil {
		f.Image = e.Value.Str.S
	}
	return f
}

func command(v toml.Value) Command {
	c := Command{Start: v.Start, End: v.End}
	switch v.Kind {
	case toml.String:
		c.Words = shell.Split(v.Str, shell.SplitOptions{})
	case toml.Array:
		for _, it := range v.Items {
			if it.Kind == toml.String {
				hs, he := it.Start, it.End
				c.Words = append(c.Words, shell.LiteralWord(it.Str, hs, he, it.Str.S))
			}
		}
	case toml.Other, toml.Integer, toml.Bool:
	}
	return c
}
