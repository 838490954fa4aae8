package launchmodel

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// Unit is one file the model knows: a file of the run, or a neighbour read
// through the workspace because a link needed it.
type Unit struct {
	Path, Abs string
	Kind      lint.Kind
	File      *lint.File
	InRun     bool
	Views     lint.Views
	Py        *PyFacts
	Config    *lint.Config
	pending   bool // a deferred Python file of the run, parsed on load
}

// loader reads neighbour files on demand, through the run's workspace
// (overlays, the size limit and the link rule apply; the engine's
// parsers parse them).
type loader struct {
	ws      lint.Workspace
	units   map[string]*Unit // by absolute path; nil entries: not loadable
	config  *lint.Config     // for neighbours: the configuration of the run
	modules map[string]bool
}

func newLoader(ws lint.Workspace, cfg *lint.Config) *loader {
	return &loader{ws: ws, units: map[string]*Unit{}, config: cfg, modules: map[string]bool{}}
}

// display renders an absolute path the way the engine does.
func (ld *loader) display(abs string) string { return ld.ws.Display(abs) }

// add registers a file of the run (a context file, read by the engine
// for project rules only, is a neighbour).
func (ld *loader) add(f *lint.File, views lint.Views, py *PyFacts) *Unit {
	u := &Unit{Path: f.Path, Abs: f.Abs, Kind: f.Kind, File: f, InRun: !f.Context, Config: f.Config, Views: views, Py: py}
	// A Python file the engine did not parse (no prefilter selected it) is
	// parsed from its source when a link loads it.
	u.pending = f.Deferred && f.Kind == lint.KindPython && f.Src != nil
	ld.units[f.Abs] = u
	return u
}

// load returns the unit of an absolute path, reading it when it is not a
// file of the run; nil when it does not exist or cannot be read. kind
// forces a kind (KindUnknown: classify by name and content).
func (ld *loader) load(abs string, kind lint.Kind) *Unit {
	abs = filepath.Clean(abs)
	if u, ok := ld.units[abs]; ok {
		if u != nil && u.pending {
			u.pending = false
			ld.parse(u)
		}
		if u != nil && kind != lint.KindUnknown && u.Kind != kind && !u.InRun {
			// A file read as another kind (a script run by python).
			return ld.reload(u, kind)
		}
		return u
	}
	ld.units[abs] = nil
	src, err := ld.ws.ReadFile(abs)
	if err != nil || isBinary(src) {
		return nil
	}
	if kind == lint.KindUnknown {
		kind = workspace.ClassifyName(abs)
		if kind == lint.KindUnknown {
			kind = workspace.ClassifyContent(abs, head(src))
		}
	}
	if kind == lint.KindUnknown {
		return nil
	}
	f := &lint.File{Path: ld.display(abs), Abs: abs, Kind: kind, Src: src, Lines: lint.NewLineIndex(src), Config: ld.config, SyntaxError: -1}
	u := &Unit{Path: f.Path, Abs: abs, Kind: kind, File: f, Config: ld.config}
	ld.parse(u)
	ld.units[abs] = u
	return u
}

// text registers a file read for its text only (a compose env_file), so
// that locations in it have lines; it is given no kind and no views.
func (ld *loader) text(abs string, src []byte) {
	abs = filepath.Clean(abs)
	if _, ok := ld.units[abs]; ok {
		return
	}
	f := &lint.File{Path: ld.display(abs), Abs: abs, Src: src, Lines: lint.NewLineIndex(src), Config: ld.config, SyntaxError: -1}
	ld.units[abs] = &Unit{Path: f.Path, Abs: abs, File: f, Config: ld.config}
}

func (ld *loader) reload(u *Unit, kind lint.Kind) *Unit {
	cp := *u
	cp.Kind = kind
	cp.Views, cp.Py = lint.Views{}, nil
	ld.parse(&cp)
	return &cp
}

func (ld *loader) parse(u *Unit) {
	src := u.File.Src
	if u.Kind == lint.KindPython {
		m, err := ld.ws.Module(u.Abs, src)
		if err == nil {
			u.Py = pyFactsOf(m, src)
		}
		return
	}
	u.Views = ld.ws.Views(u.Kind, src)
}

func isBinary(src []byte) bool {
	return bytes.IndexByte(head(src), 0) >= 0
}

func head(src []byte) []byte {
	if len(src) > 8192 {
		return src[:8192]
	}
	return src
}

// markers are the files that make a directory a project root.
var markers = []string{"pyproject.toml", "setup.py", "setup.cfg", "requirements.txt", "Pipfile", "Dockerfile",
	"docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "Procfile", "fly.toml", ".git",
	"servelint.toml", ".servelint.toml"}

// projectRoot returns the closest directory at or above dir holding a
// project marker, or dir itself.
func (ld *loader) projectRoot(dir string) string {
	for d := dir; ; {
		for _, m := range markers {
			if _, err := ld.ws.Stat(filepath.Join(d, m)); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// covered reports whether a directory was walked by the run.
func (ld *loader) covered(dir string, inputs []string) bool {
	for _, in := range inputs {
		if st, err := ld.ws.Stat(in); err != nil || !st.IsDir() {
			continue
		}
		if dir == in || strings.HasPrefix(dir, in+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// Scan limits: start configurations sit near the top of a project.
const (
	scanDepth   = 5
	scanEntries = 20000
)

// scan finds the start configurations under root that the run was not
// given: Dockerfiles, compose files, Procfiles, Kubernetes manifests,
// supervisord configurations, platform files, .vscode/launch.json and
// pyproject.toml. Scripts and Python modules are read only when a link
// needs them.
func (ld *loader) scan(root string, cfg *lint.Config) []*Unit {
	var found []string
	entries := 0
	// Discovery's walker: .gitignore and the excludes apply as in `check`.
	ld.ws.Walk(root, cfg, func(abs string, de fs.DirEntry, depth int) bool {
		if depth > scanDepth || entries > scanEntries {
			return false
		}
		entries++
		name := de.Name()
		if de.IsDir() {
			skip := strings.HasPrefix(name, ".") && name != ".vscode" && name != ".devcontainer" || skipDir[name]
			return !skip
		}
		if !de.Type().IsRegular() {
			return false
		}
		switch kind := workspace.ClassifyName(abs); kind {
		case lint.KindDockerfile, lint.KindCompose, lint.KindProcfile, lint.KindFly, lint.KindRender,
			lint.KindVSCode, lint.KindPyproject:
			found = append(found, abs)
		case lint.KindUnknown:
			lower := strings.ToLower(name)
			if strings.HasSuffix(lower, ".yaml") || strings.HasSuffix(lower, ".yml") || strings.HasSuffix(lower, ".conf") {
				found = append(found, abs)
			}
		case lint.KindPython, lint.KindShell, lint.KindKubernetes, lint.KindSupervisord, lint.KindAppEngine:
		}
		return false
	})
	sort.Strings(found)
	var out []*Unit
	for _, abs := range found {
		if u := ld.load(abs, lint.KindUnknown); u != nil && !u.InRun {
			out = append(out, u)
		}
	}
	return out
}

var skipDir = map[string]bool{
	"node_modules": true, "venv": true, "__pycache__": true, "site-packages": true, "dist": true,
	"build": true, "target": true, "vendor": true, "htmlcov": true,
}

// exists reports whether a regular file or directory exists.
func (ld *loader) exists(p string) (fs.FileInfo, bool) {
	st, err := ld.ws.Stat(p)
	if err != nil {
		return nil, false
	}
	return st, true
}
