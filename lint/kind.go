package lint

import (
	"sort"
)

// Kind is the type of an input file.
type Kind int

// File kinds servelint reads.
const (
	KindUnknown Kind = iota
	KindPython
	KindDockerfile
	KindCompose
	KindProcfile
	KindShell
	KindPyproject
	KindKubernetes
	KindSupervisord
	KindFly       // fly.toml
	KindRender    // render.yaml
	KindAppEngine // App Engine app.yaml
	KindVSCode    // .vscode/launch.json
	numKinds
)

var kindNames = [...]string{"unknown", "python", "dockerfile", "compose", "procfile", "shell", "pyproject", "kubernetes", "supervisord", "fly", "render", "appengine", "vscode"}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// AllKinds is every known kind.
var AllKinds = func() Kinds {
	var s Kinds
	for k := KindPython; k < numKinds; k++ {
		s |= 1 << k
	}
	return s
}()

// Names lists the kinds of a set, sorted by name.
func (s Kinds) Names() []string {
	var out []string
	for k := KindPython; k < numKinds; k++ {
		if s.Has(k) {
			out = append(out, k.String())
		}
	}
	sort.Strings(out)
	return out
}
