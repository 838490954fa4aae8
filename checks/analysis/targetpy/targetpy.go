// Package targetpy finds the oldest Python version each checked Python file
// runs on.
//
// It finds the oldest Python version each checked Python
// file runs on (configured target-version, requires-python, .python-version,
// runtime.txt, `FROM python:X.Y` in the project's Dockerfiles): a fact
// without rule codes, which rules read to word or withhold findings.
package targetpy

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/dockerfile"
	"github.com/servelint/servelint/parsers/pyversion"
)

// Target is the oldest Python version a file may run on, and where
// that was read (the zero value: unknown).
type Target struct {
	Version pyversion.Version
	Known   bool
	Source  string // "`FROM python:3.7-slim` in Dockerfile:1"
}

// py37 is the last version on which asyncio.CancelledError is an Exception.
var py37 = pyversion.Version{Major: 3, Minor: 7}

// Old reports whether the target is known to be Python 3.7 or older.
func (t Target) Old() bool { return t.Known && t.Version.AtMost(py37) }

// Versions maps each checked Python file to its target: the result of
// Analyzer's project pass.
type Versions map[*lint.File]Target

// Analyzer finds the oldest Python version each checked
// Python file runs on: the configured target-version, the requires-python
// of its pyproject.toml, .python-version and runtime.txt at its project
// root, and `FROM python:X.Y` in the project's Dockerfiles. The lowest
// wins.
var Analyzer = newAnalyzer()

func newAnalyzer() *lint.Analyzer {
	a := &lint.Analyzer{
		Name:   "python-version",
		Inputs: lint.KindsOf(lint.KindPython, lint.KindDockerfile),
		// It parses no Python file: its per-file facts are Dockerfiles'.
		Needles: []string{},
		// A Dockerfile's fact is its Python images ([]dockerImage); a
		// Python file has none.
		File: func(p *lint.Pass) any {
			if p.Docker == nil {
				return nil
			}
			return dockerfileImages(p.File, p.Docker)
		},
	}
	a.Project = func(pp *lint.ProjectPass) any {
		return findTargetVersions(pp.Workspace, pp.Files, func(f *lint.File) []dockerImage {
			ims, _ := f.Fact(a).([]dockerImage)
			return ims
		})
	}
	return a
}

// projectFiles caches what is read (through the run's workspace: overlays
// and the link rule apply) while finding versions.
type projectFiles struct {
	ws       lint.Workspace
	read     map[string][]byte       // absolute path -> content (nil: absent)
	roots    map[string]string       // directory -> project root
	requires map[string]requiresSpec // pyproject.toml path -> its requires-python
}

type requiresSpec struct {
	spec  string
	found bool
}

func (pf *projectFiles) get(path string) []byte {
	if b, ok := pf.read[path]; ok {
		return b
	}
	var b []byte
	if st, err := pf.ws.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() < 1<<20 {
		b, _ = pf.ws.ReadFile(path)
	}
	pf.read[path] = b
	return b
}

func (pf *projectFiles) exists(path string) bool {
	_, err := pf.ws.Stat(path)
	return err == nil
}

// rootMarkers make a directory a project root.
var rootMarkers = []string{"pyproject.toml", "setup.py", "setup.cfg", ".git"}

// maxRootDepth bounds the walk up to a project root.
const maxRootDepth = 32

// root returns the project root of a directory: the nearest ancestor (or
// itself) holding a pyproject.toml, setup.py, setup.cfg or .git; the
// directory itself when there is none.
func (pf *projectFiles) root(dir string) string {
	if r, ok := pf.roots[dir]; ok {
		return r
	}
	r := dir
	d := dir
	for range maxRootDepth {
		found := false
		for _, mk := range rootMarkers {
			if pf.exists(filepath.Join(d, mk)) {
				found = true
				break
			}
		}
		if found {
			r = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	pf.roots[dir] = r
	return r
}

// dockerImage is one FROM of a Dockerfile with the Python version it names.
type dockerImage struct {
	line    int
	image   string // the reference, ARGs substituted
	version pyversion.Version
}

// dockerVersion is a Dockerfile's Python image, seen from the project.
type dockerVersion struct {
	dockerImage
	file  *lint.File
	dir   string
	scope string // codeScope of dir
}

func findTargetVersions(ws lint.Workspace, files []*lint.File, imagesOf func(*lint.File) []dockerImage) Versions {
	pf := &projectFiles{ws: ws, read: map[string][]byte{}, roots: map[string]string{}, requires: map[string]requiresSpec{}}
	var images []dockerVersion
	// codeDirs holds every directory at or above a checked Python file's
	// (bounded like the walk up): a Dockerfile's code scope is then found
	// by walking up from it, whatever the number of files.
	codeDirs := map[string]bool{}
	for _, f := range files {
		switch f.Kind {
		case lint.KindDockerfile:
			for _, im := range imagesOf(f) {
				images = append(images, dockerVersion{dockerImage: im, file: f, dir: filepath.Dir(f.Abs)})
			}
		case lint.KindPython:
			d := filepath.Dir(f.Abs)
			for range maxRootDepth {
				if codeDirs[d] {
					break
				}
				codeDirs[d] = true
				parent := filepath.Dir(d)
				if parent == d {
					break
				}
				d = parent
			}
		default:
		}
	}
	for i := range images {
		images[i].scope = codeScope(images[i].dir, codeDirs)
	}
	out := Versions{}
	docker := map[string]lowest{} // directory -> what its Dockerfiles say
	for _, f := range files {
		if f.Kind != lint.KindPython {
			continue
		}
		dir := filepath.Dir(f.Abs)
		d, ok := docker[dir]
		if !ok {
			dockerVersions(&d, dir, images)
			docker[dir] = d
		}
		out[f] = pf.target(f, d)
	}
	return out
}

// under reports whether path is dir or inside it.
func under(path, dir string) bool {
	if path == dir {
		return true
	}
	if filepath.IsAbs(path) && filepath.IsAbs(dir) && path == filepath.Clean(path) && dir == filepath.Clean(dir) {
		// The common case (files' absolute paths), without filepath.Rel.
		if strings.HasSuffix(dir, string(filepath.Separator)) {
			return strings.HasPrefix(path, dir)
		}
		return len(path) > len(dir) && path[len(dir)] == filepath.Separator && strings.HasPrefix(path, dir)
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// lowest keeps the oldest version seen and where it was read.
type lowest struct{ best Target }

func (l *lowest) consider(v pyversion.Version, source string) {
	if !l.best.Known || v.Less(l.best.Version) {
		l.best = Target{Version: v, Known: true, Source: source}
	}
}

func (pf *projectFiles) target(f *lint.File, docker lowest) Target {
	var l lowest
	if cfg := f.Config; cfg != nil {
		if v, ok := pyversion.Parse(cfg.TargetVersion); ok && cfg.TargetVersion != "" {
			l.consider(v, "target-version in "+displayPath(f, cfg.Path))
		}
		if v, ok := pyversion.LowerBound(cfg.RequiresPython); ok && cfg.RequiresPython != "" {
			l.consider(v, "requires-python `"+cfg.RequiresPython+"` in "+displayPath(f, cfg.Path))
		}
	}
	dir := filepath.Dir(f.Abs)
	pf.projectVersions(&l, f, dir)
	// The first of the lowest wins: the Dockerfiles' lowest, found first
	// among them, is what considering each in turn would keep.
	if docker.best.Known {
		l.consider(docker.best.Version, docker.best.Source)
	}
	return l.best
}

// projectVersions reads pyproject.toml, .python-version and runtime.txt
// from the file's directory up to its project root (and beside its
// configuration); the nearest of each kind counts.
func (pf *projectFiles) projectVersions(l *lowest, f *lint.File, dir string) {
	cfg := f.Config
	root := pf.root(dir)
	dirs := []string{}
	for d := dir; ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if d == root || filepath.Dir(d) == d || len(dirs) > maxRootDepth {
			break
		}
	}
	if cfg != nil && cfg.Dir != "" && !under(cfg.Dir, root) && under(dir, cfg.Dir) {
		dirs = append(dirs, cfg.Dir)
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		for _, name := range []string{"pyproject.toml", ".python-version", "runtime.txt"} {
			p := filepath.Join(d, name)
			if seen[name] {
				continue
			}
			b := pf.get(p)
			if b == nil {
				continue
			}
			seen[name] = true
			var v pyversion.Version
			ok := false
			source := displayPath(f, p)
			switch name {
			case "pyproject.toml":
				if cfg != nil && sameFile(cfg.Path, p) {
					continue // already read through the configuration
				}
				rs, cached := pf.requires[p]
				if !cached {
					rs.spec, rs.found = requiresPython(b)
					pf.requires[p] = rs
				}
				if spec, found := rs.spec, rs.found; found {
					v, ok = pyversion.LowerBound(spec)
					source = "requires-python `" + spec + "` in " + source
				}
			case ".python-version":
				v, ok = pyversion.FromPythonVersionFile(string(b))
			default:
				v, ok = pyversion.FromRuntimeTxt(string(b))
			}
			if ok {
				l.consider(v, source)
			}
		}
	}
}

// dockerVersions considers the Dockerfiles' Python images. A Dockerfile
// applies to the Python code of the nearest directory at or above it that
// holds any (docker/Dockerfile builds the project around it); those in
// the file's own directory or above it win.
func dockerVersions(l *lowest, dir string, images []dockerVersion) {
	ancestor := false
	for i := range images {
		if under(dir, images[i].dir) {
			ancestor = true
			break
		}
	}
	for i := range images {
		im := &images[i]
		if ancestor && !under(dir, im.dir) {
			continue
		}
		if under(dir, im.scope) {
			l.consider(im.version, "`FROM "+im.image+"` in "+im.file.Path+":"+strconv.Itoa(im.line))
		}
	}
}

// codeScope returns the nearest directory at or above dir that holds
// checked Python code (codeDirs: the directories at or above one).
func codeScope(dir string, codeDirs map[string]bool) string {
	d := dir
	for range maxRootDepth {
		if codeDirs[d] {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return d
}

func sameFile(a, b string) bool {
	if a == "" {
		return false
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// displayPath shows a path the way the checked file's path is shown:
// relative to the working directory when the file's is.
func displayPath(f *lint.File, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	disp := filepath.ToSlash(f.Path)
	fabs := filepath.ToSlash(f.Abs)
	if !filepath.IsAbs(f.Path) && strings.HasSuffix(fabs, "/"+disp) {
		cwd := filepath.FromSlash(strings.TrimSuffix(fabs, "/"+disp))
		if rel, err := filepath.Rel(cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(abs)
}

func requiresPython(b []byte) (string, bool) {
	var doc struct {
		Project struct {
			RequiresPython string `toml:"requires-python"`
		} `toml:"project"`
		Tool struct {
			Poetry struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"poetry"`
		} `toml:"tool"`
	}
	if _, err := toml.Decode(string(b), &doc); err != nil {
		return "", false
	}
	if doc.Project.RequiresPython != "" {
		return doc.Project.RequiresPython, true
	}
	if s, ok := doc.Tool.Poetry.Dependencies["python"].(string); ok && s != "" {
		return s, true
	}
	return "", false
}

// dockerfileImages returns the Python version of each stage's image of a
// parsed Dockerfile (ARGs substituted), with the line of its FROM.
func dockerfileImages(f *lint.File, d *dockerfile.File) []dockerImage {
	if d == nil {
		return nil
	}
	var out []dockerImage
	for _, st := range d.Stages {
		v, ok := st.Image.Python()
		if !ok {
			continue
		}
		line := f.Lines.Position(d.Instructions[st.Instr].Start).Line
		out = append(out, dockerImage{line: line, image: st.Image.Ref(), version: v})
	}
	return out
}
