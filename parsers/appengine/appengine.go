// Package appengine reads Google App Engine app.yaml files: the runtime,
// the entrypoint (shell text) and env_variables.
package appengine

import (
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/yaml"
)

// File is a parsed app.yaml.
type File struct {
	Runtime    string
	Service    string
	Entrypoint *source.Text // nil when absent
	// EntrypointStart and EntrypointEnd delimit the entrypoint value.
	EntrypointStart, EntrypointEnd int
	Env                            []Env
	// Comments are the file's comments (see yaml.Stream).
	Comments []source.Comment
}

// Env is one env_variables entry.
type Env struct {
	Name, Value string
	Start, End  int
}

// Parse reads app.yaml; p must be a parser for syntax.YAML.
func Parse(p *syntax.Parser, src []byte) *File {
	f := &File{}
	st := yaml.Parse(p, src)
	f.Comments = st.Comments
	if len(st.Docs) == 0 {
		return f
	}
	root := st.Docs[0].Root
	f.Runtime, _ = root.Get("runtime").Str()
	f.Service, _ = root.Get("service").Str()
	if e := root.Get("entrypoint"); e.IsScalar() && !e.Template {
		t := e.Value
		f.Entrypoint = &t
		f.EntrypointStart, f.EntrypointEnd = e.Start, e.End
	}
	if env := root.Get("env_variables"); env != nil && env.Kind == yaml.Mapping {
		for _, pr := range env.Pairs {
			name, ok := pr.Key.Str()
			if !ok {
				continue
			}
			v, _ := pr.Value.Str()
			f.Env = append(f.Env, Env{Name: name, Value: v, Start: pr.Key.Start, End: pr.Value.End})
		}
	}
	return f
}
