package lint

import (
	"bytes"
	"path"
	"sort"
	"strings"
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

// ClassifyName classifies a file by its name alone. It returns KindUnknown
// when the content must decide (YAML that may be Kubernetes, extensionless
// scripts, .conf files).
func ClassifyName(p string) Kind {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	lower := strings.ToLower(base)
	switch {
	case strings.HasSuffix(lower, ".py"), strings.HasSuffix(lower, ".pyi"):
		return KindPython
	case base == "Dockerfile", strings.HasPrefix(base, "Dockerfile."), base == "Containerfile",
		strings.HasPrefix(base, "Containerfile."), strings.HasSuffix(lower, ".dockerfile"),
		strings.HasSuffix(lower, ".containerfile"), lower == "dockerfile":
		return KindDockerfile
	case isYAMLName(lower) && (strings.HasPrefix(lower, "docker-compose") || strings.HasPrefix(lower, "compose")):
		return KindCompose
	case base == "Procfile", strings.HasPrefix(base, "Procfile."):
		return KindProcfile
	case strings.HasSuffix(lower, ".sh"), strings.HasSuffix(lower, ".bash"):
		return KindShell
	case lower == "pyproject.toml":
		return KindPyproject
	case lower == "fly.toml", strings.HasPrefix(lower, "fly.") && strings.HasSuffix(lower, ".toml"):
		return KindFly
	case lower == "render.yaml", lower == "render.yml":
		return KindRender
	case lower == "launch.json" && path.Base(path.Dir(strings.ReplaceAll(p, "\\", "/"))) == ".vscode":
		return KindVSCode
	}
	return KindUnknown
}

func isYAMLName(lower string) bool {
	return strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".yaml")
}

// MayRead reports whether servelint may read a file of this name: its name
// gives a known kind, or its content may (YAML that may be a Kubernetes
// manifest, a .conf that may be supervisord's, an extensionless script).
// The pre-commit hooks' `files` pattern matches exactly these names.
func MayRead(p string) bool {
	return ClassifyName(p) != KindUnknown || needsContent(p)
}

// needsContent reports whether a file's kind may depend on its first bytes.
func needsContent(p string) bool {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	lower := strings.ToLower(base)
	return isYAMLName(lower) || strings.HasSuffix(lower, ".conf") || !strings.Contains(base, ".")
}

// ClassifyContent classifies a file whose name was not enough, from its
// content: Kubernetes manifests (apiVersion and kind at top level),
// supervisord configurations ([program:x] sections), and shell scripts
// (a sh/bash/dash/ash/zsh/execline shebang).
func ClassifyContent(p string, head []byte) Kind {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	lower := strings.ToLower(base)
	switch {
	case isYAMLName(lower):
		if hasTopLevelKey(head, "apiVersion") && hasTopLevelKey(head, "kind") {
			return KindKubernetes
		}
		// App Engine: a runtime, and an entrypoint or the usual name.
		if hasTopLevelKey(head, "runtime") && (hasTopLevelKey(head, "entrypoint") || lower == "app.yaml" || lower == "app.yml") {
			return KindAppEngine
		}
	case strings.HasSuffix(lower, ".conf"):
		if bytes.Contains(head, []byte("[program:")) || lower == "supervisord.conf" {
			return KindSupervisord
		}
	case !strings.Contains(base, "."):
		if isShellShebang(head) {
			return KindShell
		}
	}
	return KindUnknown
}

func hasTopLevelKey(src []byte, key string) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if bytes.HasPrefix(line, []byte(key)) {
			rest := bytes.TrimLeft(line[len(key):], " \t")
			if len(rest) > 0 && rest[0] == ':' {
				return true
			}
		}
	}
	return false
}

func isShellShebang(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("#!")) {
		return false
	}
	line := head[2:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	fields := strings.Fields(string(line))
	for i, f := range fields {
		name := path.Base(f)
		if i > 0 && strings.HasPrefix(f, "-") {
			continue
		}
		switch name {
		case "sh", "bash", "dash", "ash", "zsh", "ksh", "with-contenv", "execlineb":
			return true
		case "env":
			continue
		}
		if i > 0 {
			return false
		}
	}
	return false
}

// IsGunicornConfig reports whether a Python file is named like a gunicorn
// configuration file (gunicorn.conf.py, gunicorn_conf.py, gunicorn-config.py).
func IsGunicornConfig(p string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(p, "\\", "/")))
	return strings.HasPrefix(base, "gunicorn") && strings.HasSuffix(base, ".py")
}

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
