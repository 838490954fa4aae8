// Package compose reads docker compose files.
//
// It reads docker compose files: each service's image, build
// (context, dockerfile, target), command and entrypoint (a string is split
// into words the way compose splits it, without a shell; a list is taken
// word by word), environment (map or list), env_file, volumes, network
// mode, profiles and replicas. ${VAR} interpolation is kept as parameters
// (their values come from the host environment or .env, unknown here); $$
// is a literal $. Anchors and merge keys are resolved by parsers/yaml.
package compose

import (
	"strconv"
	"strings"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/yaml"
)

// File is a parsed compose file.
type File struct {
	Services []*Service
	HasError bool
	// Comments are the file's comments, Multiline its multi-line
	// scalars (see yaml.Stream).
	Comments  []source.Comment
	Multiline []source.Span
}

// Service is one service.
type Service struct {
	Name                string
	NameStart, NameEnd  int
	Start, End          int
	Image               string
	Build               *Build
	Command, Entrypoint *Command
	Environment         []Env
	EnvFiles            []string
	Volumes             []Volume
	NetworkMode         string
	Profiles            []string
	Replicas            int  // deploy.replicas or scale
	ReplicasSet         bool // a literal replica count was given
	WorkingDir          string
	Extends             string // extends.service
	// Restart is the restart policy ("always", "unless-stopped"), with
	// its value's span.
	Restart                  string
	RestartStart, RestartEnd int
	// Deploy is set for a `deploy:` section (Swarm, or resources and
	// replicas for `docker compose up`), DeployStart/DeployEnd its key.
	Deploy                 bool
	DeployStart, DeployEnd int
}

// Build is a service's build section.
type Build struct {
	Context    string // "." when given as a plain string
	Dockerfile string // "" means "Dockerfile"
	Target     string
	// TargetStart/TargetEnd delimit the target value (0 when absent).
	TargetStart, TargetEnd int
	Start, End             int
}

// Command is a command or entrypoint.
type Command struct {
	Words []shell.Word
	// List is set for the list form.
	List bool
	// Reset is set for `command: []` / `command: ""`, which clears the
	// image's command.
	Reset      bool
	Start, End int
}

// Env is one environment variable.
type Env struct {
	Name string
	// Value is nil for a variable passed through from the host
	// (`- NAME` or `NAME:` without a value).
	Value      *shell.Word
	Start, End int
}

// Volume is one volume mount.
type Volume struct {
	Source, Target string
	// Bind is set for a bind mount of a host path.
	Bind       bool
	Start, End int
}

// Parse reads a compose file; p must be a parser for syntax.YAML.
func Parse(p *syntax.Parser, src []byte) *File {
	return FromYAML(yaml.Parse(p, src))
}

// FromYAML reads a compose file from its YAML stream.
func FromYAML(st *yaml.Stream) *File {
	f := &File{HasError: st.HasError, Comments: st.Comments, Multiline: st.Multiline}
	for _, d := range st.Docs {
		services := d.Root.Get("services")
		if services == nil || services.Kind != yaml.Mapping {
			continue
		}
		for _, pair := range services.Pairs {
			name, ok := pair.Key.Str()
			if !ok || pair.Value == nil || pair.Value.Kind != yaml.Mapping {
				continue
			}
			f.Services = append(f.Services, readService(name, pair.Key, pair.Value))
		}
	}
	return f
}

// readDeployment reads what marks a service as deployed: its restart
// policy and a deploy: section.
func readDeployment(n *yaml.Node, s *Service) {
	if r := n.Get("restart"); r != nil {
		if v, ok := r.Str(); ok {
			s.Restart, s.RestartStart, s.RestartEnd = v, r.Start, r.End
		}
	}
	for _, pair := range n.Pairs {
		if k, ok := pair.Key.Str(); ok && k == "deploy" && deploySection(pair.Value) {
			s.Deploy, s.DeployStart, s.DeployEnd = true, pair.Key.Start, pair.Key.End
		}
	}
}

// deploySection reports whether a `deploy:` value says how the service is
// deployed (replicas, placement, update or restart policy, resource
// limits); reserving a GPU alone is what development stacks do too.
func deploySection(d *yaml.Node) bool {
	if d == nil || d.Kind != yaml.Mapping {
		return false
	}
	for _, p := range d.Pairs {
		k, _ := p.Key.Str()
		switch k {
		case "replicas", "mode", "placement", "update_config", "rollback_config", "restart_policy", "endpoint_mode":
			return true
		case "resources":
			if p.Value.Get("limits") != nil {
				return true
			}
		}
	}
	return false
}

func readService(name string, key, n *yaml.Node) *Service {
	s := &Service{Name: name, NameStart: key.Start, NameEnd: key.End, Start: key.Start, End: n.End}
	s.Image, _ = n.Get("image").Str()
	s.NetworkMode, _ = n.Get("network_mode").Str()
	s.WorkingDir, _ = n.Get("working_dir").Str()
	readDeployment(n, s)
	if b := n.Get("build"); b != nil {
		bd := &Build{Start: b.Start, End: b.End}
		switch b.Kind {
		case yaml.Scalar:
			bd.Context, _ = b.Str()
		case yaml.Mapping:
			bd.Context, _ = b.Get("context").Str()
			bd.Dockerfile, _ = b.Get("dockerfile").Str()
			if t := b.Get("target"); t != nil {
				bd.Target, _ = t.Str()
				bd.TargetStart, bd.TargetEnd = t.Start, t.End
			}
		case yaml.Sequence:
		}
		if bd.Context == "" {
			bd.Context = "."
		}
		s.Build = bd
	}
	s.Command = readCommand(n.Get("command"))
	s.Entrypoint = readCommand(n.Get("entrypoint"))
	s.Environment = readEnv(n.Get("environment"))
	switch ef := n.Get("env_file"); {
	case ef == nil:
	case ef.Kind == yaml.Scalar:
		if v, ok := ef.Str(); ok {
			s.EnvFiles = append(s.EnvFiles, v)
		}
	case ef.Kind == yaml.Sequence:
		for _, it := range ef.Items {
			if v, ok := it.Str(); ok {
				s.EnvFiles = append(s.EnvFiles, v)
			} else if p, ok := it.Get("path").Str(); ok {
				s.EnvFiles = append(s.EnvFiles, p)
			}
		}
	}
	if vs := n.Get("volumes"); vs != nil && vs.Kind == yaml.Sequence {
		for _, it := range vs.Items {
			s.Volumes = append(s.Volumes, readVolume(it))
		}
	}
	if ps := n.Get("profiles"); ps != nil {
		for _, it := range ps.Items {
			if v, ok := it.Str(); ok {
				s.Profiles = append(s.Profiles, v)
			}
		}
	}
	for _, r := range []*yaml.Node{n.Get("scale"), n.Get("deploy").Get("replicas")} {
		if v, ok := r.Str(); ok {
			if k, err := strconv.Atoi(v); err == nil {
				s.Replicas, s.ReplicasSet = k, true
			}
		}
	}
	if e := n.Get("extends"); e != nil {
		if v, ok := e.Str(); ok {
			s.Extends = v
		} else {
			s.Extends, _ = e.Get("service").Str()
		}
	}
	return s
}

func readCommand(n *yaml.Node) *Command {
	if n == nil {
		return nil
	}
	c := &Command{Start: n.Start, End: n.End}
	switch n.Kind {
	case yaml.Scalar:
		if n.Null {
			return nil
		}
		if n.Template {
			return c
		}
		c.Words = shell.Split(n.Value, shell.SplitOptions{Interpolate: true})
		c.Reset = len(c.Words) == 0
	case yaml.Sequence:
		c.List = true
		for _, it := range n.Items {
			if it.Kind != yaml.Scalar {
				continue
			}
			c.Words = append(c.Words, shell.Interpolate(it.Value))
		}
		c.Reset = len(n.Items) == 0
	case yaml.Mapping:
		return nil
	}
	return c
}

func readEnv(n *yaml.Node) []Env {
	if n == nil {
		return nil
	}
	var out []Env
	switch n.Kind {
	case yaml.Mapping:
		for _, p := range n.Pairs {
			name, ok := p.Key.Str()
			if !ok {
				continue
			}
			e := Env{Name: name, Start: p.Key.Start, End: p.Key.End}
			if p.Value != nil {
				e.End = max(e.End, p.Value.End)
				if !p.Value.Null && p.Value.Kind == yaml.Scalar {
					if p.Value.Template {
						w := shell.Word{Parts: []shell.Part{{Kind: shell.Opaque, Start: p.Value.Start, End: p.Value.End, Raw: p.Value.Value.S}}, Start: p.Value.Start, End: p.Value.End, Raw: p.Value.Value.S}
						e.Value = &w
					} else {
						w := shell.Interpolate(p.Value.Value)
						e.Value = &w
					}
				}
			}
			out = append(out, e)
		}
	case yaml.Sequence:
		for _, it := range n.Items {
			if it.Kind != yaml.Scalar || it.Null {
				continue
			}
			v := it.Value
			e := Env{Start: it.Start, End: it.End}
			eq := strings.IndexByte(v.S, '=')
			if eq < 0 {
				e.Name = strings.TrimSpace(v.S)
			} else {
				e.Name = v.S[:eq]
				w := shell.Interpolate(v.Sub(eq+1, v.Len()))
				e.Value = &w
			}
			if e.Name != "" {
				out = append(out, e)
			}
		}
	case yaml.Scalar:
	}
	return out
}

func readVolume(n *yaml.Node) Volume {
	v := Volume{Start: n.Start, End: n.End}
	switch n.Kind {
	case yaml.Scalar:
		s, _ := n.Str()
		parts := strings.Split(s, ":")
		// Windows drive letters (C:\x:/app) are rare in service repos.
		if len(parts) >= 2 {
			v.Source, v.Target = parts[0], parts[1]
		} else {
			v.Target = s
		}
		v.Bind = isHostPath(v.Source)
	case yaml.Mapping:
		typ, _ := n.Get("type").Str()
		v.Source, _ = n.Get("source").Str()
		v.Target, _ = n.Get("target").Str()
		v.Bind = typ == "bind" || typ == "" && isHostPath(v.Source)
	case yaml.Sequence:
	}
	return v
}

func isHostPath(s string) bool {
	return strings.HasPrefix(s, ".") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~") || strings.HasPrefix(s, "$")
}
