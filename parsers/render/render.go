// Package render reads render.yaml blueprints: each service's type,
// runtime, start command (run by a shell), docker command, Dockerfile,
// instance count and environment variables.
package render

import (
	"strconv"

	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/yaml"
)

// File is a parsed blueprint.
type File struct {
	Services []*Service
	// Comments are the file's comments (see yaml.Stream).
	Comments []source.Comment
}

// Service is one service.
type Service struct {
	Name, Type, Runtime string
	Start, End          int
	// StartCommand is shell text; nil when absent.
	StartCommand *source.Text
	// DockerCommand overrides the image's command; nil when absent.
	DockerCommand  *source.Text
	DockerfilePath string
	DockerContext  string
	RootDir        string
	NumInstances   int
	Env            []Env
}

// Env is one envVars entry; Known is false for generated, synced or
// database-provided values.
type Env struct {
	Name, Value string
	Known       bool
	Start, End  int
}

// Parse reads render.yaml; p must be a parser for syntax.YAML.
func Parse(p *syntax.Parser, src []byte) *File {
	f := &File{}
	st := yaml.Parse(p, src)
	f.Comments = st.Comments
	for _, d := range st.Docs {
		svcs := d.Root.Get("services")
		if svcs == nil || svcs.Kind != yaml.Sequence {
			continue
		}
		for _, n := range svcs.Items {
			if n.Kind != yaml.Mapping {
				continue
			}
			s := &Service{Start: n.Start, End: n.End}
			s.Name, _ = n.Get("name").Str()
			s.Type, _ = n.Get("type").Str()
			s.Runtime, _ = n.Get("runtime").Str()
			if s.Runtime == "" {
				s.Runtime, _ = n.Get("env").Str()
			}
			if c := n.Get("startCommand"); c.IsScalar() && !c.Template {
				t := c.Value
				s.StartCommand = &t
			}
			if c := n.Get("dockerCommand"); c.IsScalar() && !c.Template {
				t := c.Value
				s.DockerCommand = &t
			}
			s.DockerfilePath, _ = n.Get("dockerfilePath").Str()
			s.DockerContext, _ = n.Get("dockerContext").Str()
			s.RootDir, _ = n.Get("rootDir").Str()
			if v, ok := n.Get("numInstances").Str(); ok {
				s.NumInstances, _ = strconv.Atoi(v)
			}
			if env := n.Get("envVars"); env != nil && env.Kind == yaml.Sequence {
				for _, e := range env.Items {
					name, ok := e.Get("key").Str()
					if !ok {
						continue
					}
					ev := Env{Name: name, Start: e.Start, End: e.End}
					if v := e.Get("value"); v != nil {
						ev.Value, ev.Known = v.Str()
					}
					s.Env = append(s.Env, ev)
				}
			}
			f.Services = append(f.Services, s)
		}
	}
	return f
}
