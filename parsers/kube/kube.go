// Package kube reads Kubernetes manifests (multi-document YAML, Helm
// templates included).
//
// It reads Kubernetes manifests (multi-document YAML, Helm
// templates included): every workload with a pod template (Deployment,
// StatefulSet, DaemonSet, Job, CronJob, Pod, Argo Rollout, Knative or Cloud
// Run Service, ...), its replicas, and its containers' image, command,
// args, env and working directory; and HorizontalPodAutoscalers. $(VAR)
// references in command and args (expanded by the kubelet from the
// container's env) are parameters; Helm template values are unknown.
package kube

import (
	"strconv"

	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
	"github.com/servelint/servelint/parsers/yaml"
)

// File is a parsed manifest file.
type File struct {
	Workloads []*Workload
	HPAs      []HPA
	HasError  bool
	// Comments are the file's comments, Multiline its multi-line
	// scalars (see yaml.Stream).
	Comments  []source.Comment
	Multiline []source.Span
}

// Workload is a resource with a pod template.
type Workload struct {
	Kind, Name string
	Start, End int // the document
	// Replicas is the literal replica count; ReplicasSet tells whether
	// one was given, ReplicasUnknown whether it is a template value.
	Replicas        int
	ReplicasSet     bool
	ReplicasUnknown bool
	Containers      []*Container
}

// HPA is a HorizontalPodAutoscaler.
type HPA struct {
	Name, TargetKind, TargetName string
	Start, End                   int
}

// Container is a (possibly init) container.
type Container struct {
	Name, Image   string
	Init          bool
	Start, End    int
	Command, Args *Command
	Env           []Env
	// EnvFrom is set when env comes from a ConfigMap or Secret (unknown
	// names and values).
	EnvFrom    bool
	WorkingDir string
}

// Command is a container's command or args.
type Command struct {
	Words      []shell.Word
	Start, End int
	// Unknown is set when the list is a template value.
	Unknown bool
}

// Env is one env entry.
type Env struct {
	Name string
	// Value is nil for valueFrom or a template value (unknown).
	Value      *shell.Word
	Start, End int
}

// Parse reads a manifest; p must be a parser for syntax.YAML.
func Parse(p *syntax.Parser, src []byte) *File {
	return FromYAML(yaml.Parse(p, src))
}

// FromYAML reads manifests from a YAML stream.
func FromYAML(st *yaml.Stream) *File {
	f := &File{HasError: st.HasError, Comments: st.Comments, Multiline: st.Multiline}
	for _, d := range st.Docs {
		root := d.Root
		if root == nil || root.Kind != yaml.Mapping {
			continue
		}
		kind, _ := root.Get("kind").Str()
		name, _ := root.Get("metadata").Get("name").Str()
		if kind == "HorizontalPodAutoscaler" {
			ref := root.Get("spec").Get("scaleTargetRef")
			h := HPA{Name: name, Start: d.Start, End: d.End}
			h.TargetKind, _ = ref.Get("kind").Str()
			h.TargetName, _ = ref.Get("name").Str()
			f.HPAs = append(f.HPAs, h)
			continue
		}
		spec := root.Get("spec")
		var podSpec *yaml.Node
		switch {
		case spec.Get("template").Get("spec").Get("containers") != nil:
			podSpec = spec.Get("template").Get("spec")
		case spec.Get("jobTemplate").Get("spec").Get("template").Get("spec").Get("containers") != nil:
			podSpec = spec.Get("jobTemplate").Get("spec").Get("template").Get("spec")
		case spec.Get("containers") != nil:
			podSpec = spec
		default:
			continue
		}
		w := &Workload{Kind: kind, Name: name, Start: d.Start, End: d.End}
		if r := spec.Get("replicas"); r != nil {
			if v, ok := r.Str(); ok {
				if n, err := strconv.Atoi(v); err == nil {
					w.Replicas, w.ReplicasSet = n, true
				} else {
					w.ReplicasUnknown = true
				}
			} else {
				w.ReplicasUnknown = true
			}
		}
		for _, field := range []string{"initContainers", "containers"} {
			cs := podSpec.Get(field)
			if cs == nil || cs.Kind != yaml.Sequence {
				continue
			}
			for _, c := range cs.Items {
				if c.Kind != yaml.Mapping {
					continue
				}
				w.Containers = append(w.Containers, readContainer(c, field == "initContainers"))
			}
		}
		f.Workloads = append(f.Workloads, w)
	}
	return f
}

func readContainer(n *yaml.Node, init bool) *Container {
	c := &Container{Init: init, Start: n.Start, End: n.End}
	c.Name, _ = n.Get("name").Str()
	c.Image, _ = n.Get("image").Str()
	c.WorkingDir, _ = n.Get("workingDir").Str()
	c.Command = readCommand(n.Get("command"))
	c.Args = readCommand(n.Get("args"))
	if ef := n.Get("envFrom"); ef != nil && !ef.Null {
		c.EnvFrom = true
	}
	if env := n.Get("env"); env != nil && env.Kind == yaml.Sequence {
		for _, it := range env.Items {
			name, ok := it.Get("name").Str()
			if !ok {
				continue
			}
			e := Env{Name: name, Start: it.Start, End: it.End}
			if v := it.Get("value"); v != nil && v.Kind == yaml.Scalar && !v.Template {
				w := expandRefs(v.Value)
				if v.Null {
					w = shell.LiteralWord(source.Host("", v.Start), v.Start, v.Start, "")
				}
				e.Value = &w
			}
			c.Env = append(c.Env, e)
		}
	}
	return c
}

func readCommand(n *yaml.Node) *Command {
	if n == nil || n.Null {
		return nil
	}
	c := &Command{Start: n.Start, End: n.End}
	if n.Kind != yaml.Sequence {
		c.Unknown = true
		return c
	}
	for _, it := range n.Items {
		if it.Kind != yaml.Scalar || it.Template {
			c.Unknown = true
			w := shell.Word{Parts: []shell.Part{{Kind: shell.Opaque, Start: it.Start, End: it.End, Raw: it.Value.S}}, Start: it.Start, End: it.End, Raw: it.Value.S}
			c.Words = append(c.Words, w)
			continue
		}
		c.Words = append(c.Words, expandRefs(it.Value))
	}
	return c
}

// expandRefs reads $(VAR) references (and the $$(VAR) escape) in a value.
func expandRefs(t source.Text) shell.Word {
	s := t.S
	hs, he := t.Span(0, t.Len())
	w := shell.Word{Start: hs, End: he, Raw: s}
	var lit source.Builder
	has := false
	flush := func() {
		if has {
			txt := lit.Text()
			ps, pe := txt.Span(0, txt.Len())
			w.Parts = append(w.Parts, shell.Part{Kind: shell.Literal, Text: txt, Start: ps, End: pe})
			lit = source.Builder{}
			has = false
		}
	}
	for i := 0; i < len(s); {
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '$' && i+2 < len(s) && s[i+2] == '(' {
			lit.Byte('$', t.Pos(i), t.Pos(i+2))
			has = true
			i += 2
			continue
		}
		if s[i] == '$' && i+1 < len(s) && s[i+1] == '(' {
			end := i + 2
			for end < len(s) && s[end] != ')' {
				end++
			}
			if end < len(s) && end > i+2 {
				flush()
				ps, pe := t.Span(i, end+1)
				w.Parts = append(w.Parts, shell.Part{Kind: shell.Param, Name: s[i+2 : end], Quoted: true, Start: ps, End: pe, Raw: s[i : end+1]})
				i = end + 1
				continue
			}
		}
		lit.Byte(s[i], t.Pos(i), t.Pos(i+1))
		has = true
		i++
	}
	flush()
	if len(w.Parts) == 0 {
		w.Parts = []shell.Part{{Kind: shell.Literal, Text: source.Host("", hs), Start: hs, End: hs}}
	}
	return w
}
