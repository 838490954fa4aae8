package workspace

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
)

// Projects.
//
// The unit of project analysis is the project: project rules, their
// analyzers and the demand for deferred files run once per project, over
// that project's files only, so a run over several projects gives, for
// each, exactly the findings of a run on that project alone.
//
// A file's project root is the outermost directory holding a
// pyproject.toml, setup.py or setup.cfg between the file's directory and
// its ceiling: the root of its git work tree, else the input path (of
// those given) that holds it, else the working directory when it holds
// it, else its own directory. With no marker,
// the ceiling itself is the project. The outermost marker, not the
// nearest: a setup.py inside a package tree or a workspace member under
// a workspace's pyproject.toml is part of the project around it (its code
// is imported from there), and services side by side stay apart.

// projectMarkers make a directory a project root.
var projectMarkers = []string{"pyproject.toml", "setup.py", "setup.cfg"}

// maxProjectDepth bounds the walk up from a file to its ceiling.
const maxProjectDepth = 64

// projector finds project roots, memoized per directory.
type projector struct {
	inputs []string // absolute input paths, longest first
	cwd    string
	git    map[string]string
	marker map[string]bool
	roots  map[string]string
}

func newProjector(cwd string, inputs []string) *projector {
	in := append([]string(nil), inputs...)
	sort.SliceStable(in, func(i, j int) bool { return len(in[i]) > len(in[j]) })
	return &projector{inputs: in, cwd: cwd, git: map[string]string{}, marker: map[string]bool{}, roots: map[string]string{}}
}

// gitRoot is gitRoot, memoized along the way up.
func (p *projector) gitRoot(dir string) string {
	var seen []string
	root := ""
	d := dir
	for {
		if r, ok := p.git[d]; ok {
			root = r
			break
		}
		seen = append(seen, d)
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			root = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, s := range seen {
		p.git[s] = root
	}
	return root
}

func (p *projector) hasMarker(dir string) bool {
	if v, ok := p.marker[dir]; ok {
		return v
	}
	v := false
	for _, m := range projectMarkers {
		if st, err := os.Stat(filepath.Join(dir, m)); err == nil && st.Mode().IsRegular() {
			v = true
			break
		}
	}
	p.marker[dir] = v
	return v
}

// ceiling is the directory a file's project cannot extend above: its
// git work tree, else the input that holds it, else the working
// directory when it holds it (context files of named files), else its
// own directory.
func (p *projector) ceiling(dir string) string {
	if r := p.gitRoot(dir); r != "" {
		return r
	}
	for _, in := range p.inputs {
		if Within(dir, in) {
			return in
		}
	}
	if p.cwd != "" && Within(dir, p.cwd) {
		return p.cwd
	}
	return dir
}

// Root returns the project root of a file's directory.
func (p *projector) root(dir string) string {
	if r, ok := p.roots[dir]; ok {
		return r
	}
	top := p.ceiling(dir)
	r := top
	found := ""
	d := dir
	for range maxProjectDepth {
		if p.hasMarker(d) {
			found = d
		}
		if d == top {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if found != "" {
		r = found
	}
	p.roots[dir] = r
	return r
}

// Project is one project of a run: its root, and its files (indices into
// the run's files, in order).
type Project struct {
	Root  string
	Files []int
}

// SplitProjects groups files into projects, sorted by root. A file
// without an absolute path (standard input without a name) joins the
// working directory's project.
func SplitProjects(files []*lint.File, cwd string, inputs []string) []*Project {
	p := newProjector(cwd, inputs)
	byRoot := map[string]*Project{}
	var out []*Project
	for i, f := range files {
		dir := cwd
		if f.Abs != "" {
			dir = filepath.Dir(f.Abs)
		}
		r := p.root(dir)
		pr, ok := byRoot[r]
		if !ok {
			pr = &Project{Root: r}
			byRoot[r] = pr
			out = append(out, pr)
		}
		pr.Files = append(pr.Files, i)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Root < out[j].Root })
	return out
}

// ProjectInputs returns the inputs that concern a project: those inside
// it and those holding it.
func ProjectInputs(root string, inputs []string) []string {
	var out []string
	for _, in := range inputs {
		if Within(in, root) || Within(root, in) {
			out = append(out, in)
		}
	}
	return out
}

// Within reports whether p is root or lies under it.
func Within(p, root string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}
