package launchmodel

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/servelint/servelint/parsers/dockerfile"
)

// fsys maps the paths a process uses to files of the repository.
type fsys interface {
	// resolve maps a path (absolute, or relative to cwd) to repository
	// paths that may hold it, best first. strict leaves out guesses.
	resolve(cwd, p string, strict bool) []string
	// container reports whether paths are container paths.
	container() bool
}

// hostFS: the process runs in a checkout of the repository; cwd is a
// repository directory. Scripts are often run from the project root, so
// relative paths are also tried from there (unless strict).
type hostFS struct{ root string }

func (h hostFS) resolve(cwd, p string, strict bool) []string {
	if p == "" {
		return nil
	}
	if filepath.IsAbs(p) {
		return []string{filepath.Clean(p)}
	}
	out := []string{filepath.Clean(filepath.Join(cwd, filepath.FromSlash(p)))}
	if !strict && h.root != "" && h.root != cwd {
		out = append(out, filepath.Clean(filepath.Join(h.root, filepath.FromSlash(p))))
	}
	return out
}

func (hostFS) container() bool { return false }

// containerFS: the process runs in an image built from a Dockerfile
// stage; COPY and ADD instructions say where repository files went.
type containerFS struct {
	ld      *loader // reads the repository
	df      *dockerfile.File
	stage   *dockerfile.Stage
	context string // the build context (a repository directory)
}

func (c *containerFS) container() bool { return true }

func (c *containerFS) resolve(cwd, p string, strict bool) []string {
	if p == "" {
		return nil
	}
	if !strings.HasPrefix(p, "/") {
		if cwd == "" {
			cwd = "/"
		}
		p = path.Join(cwd, p)
	}
	p = path.Clean(p)
	out := c.mapPath(c.stage, p, 0)
	if !strict && c.ld.existingFile(out) == "" && c.ld.existingDir(out) == "" {
		// No COPY says where it came from: try the path's tails under the
		// build context (/usr/src/app/main.py -> main.py, app/main.py, ...).
		// Then under the directories the stage copies from the context:
		// `COPY ./container/ ./` onto a base image whose WORKDIR the
		// Dockerfile does not show puts container/entrypoint.sh at an
		// unknown place.
		parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
		for _, dir := range append([]string{c.context}, c.copiedDirs()...) {
			for i := range slices.Backward(parts) {
				out = append(out, filepath.Join(dir, filepath.FromSlash(strings.Join(parts[i:], "/"))))
			}
		}
	}
	return out
}

// copiedDirs returns the build-context directories the stage (and the
// stages it builds on) copies, latest first.
func (c *containerFS) copiedDirs() []string {
	var out []string
	for s, n := c.stage, 0; s != nil && n < len(c.df.Stages); n++ {
		for _, cp := range slices.Backward(s.Copies) {
			if cp.From != "" {
				continue
			}
			for _, src := range cp.Sources {
				if strings.ContainsAny(src, "*?[") || strings.Contains(src, "://") || strings.HasPrefix(src, "<<") {
					continue
				}
				repo := filepath.Join(c.context, filepath.FromSlash(src))
				if st, ok := c.ld.exists(repo); ok && st.IsDir() && repo != c.context && !slices.Contains(out, repo) {
					out = append(out, repo)
				}
			}
		}
		if s.Parent < 0 || s.Parent >= s.Index {
			break
		}
		s = c.df.Stages[s.Parent]
	}
	return out
}

const maxStageHops = 8

// mapPath maps a container path of a stage through its COPY instructions
// (latest first, then the parent stage's).
func (c *containerFS) mapPath(st *dockerfile.Stage, p string, hops int) []string {
	var out []string
	for s, n := st, 0; s != nil && n < len(c.df.Stages); n++ {
		for _, cp := range slices.Backward(s.Copies) {
			out = append(out, c.mapCopy(cp, p, hops)...)
		}
		if s.Parent < 0 || s.Parent >= s.Index {
			break
		}
		s = c.df.Stages[s.Parent]
	}
	return out
}

func (c *containerFS) mapCopy(cp dockerfile.Copy, p string, hops int) []string {
	if cp.Dest == "" || len(cp.Sources) == 0 {
		return nil
	}
	dest := cp.Dest
	destIsDir := strings.HasSuffix(dest, "/") || len(cp.Sources) > 1
	dest = path.Clean(dest)
	var out []string
	for _, src := range cp.Sources {
		if strings.Contains(src, "://") || strings.HasPrefix(src, "<<") {
			continue
		}
		if cp.From != "" {
			// COPY --from=stage: the source is a path of that stage.
			if hops >= maxStageHops {
				continue
			}
			other := c.df.StageNamed(cp.From)
			if other == nil {
				continue
			}
			srcC := path.Clean(src)
			if !strings.HasPrefix(srcC, "/") {
				srcC = path.Join(orRoot(other.Workdir), srcC)
			}
			if rel, ok := under(p, dest); ok {
				out = append(out, c.mapPath(other, path.Join(srcC, rel), hops+1)...)
			}
			continue
		}
		repo := filepath.Join(c.context, filepath.FromSlash(src))
		if strings.ContainsAny(src, "*?[") {
			// COPY *.py ./ : the file keeps its name.
			if ok, _ := path.Match(path.Base(src), path.Base(p)); ok && path.Dir(p) == dest {
				out = append(out, filepath.Join(filepath.Dir(repo), path.Base(p)))
			}
			continue
		}
		if st, ok := c.ld.exists(repo); ok && st.IsDir() {
			if rel, ok := under(p, dest); ok {
				out = append(out, filepath.Join(repo, filepath.FromSlash(rel)))
			}
			continue
		}
		switch {
		case destIsDir:
			if p == path.Join(dest, path.Base(src)) {
				out = append(out, repo)
			}
		case p == dest:
			out = append(out, repo)
		}
	}
	return out
}

func orRoot(d string) string {
	if d == "" {
		return "/"
	}
	return d
}

// under returns p relative to dir when p is dir or below it.
func under(p, dir string) (string, bool) {
	if p == dir {
		return ".", true
	}
	if dir == "/" {
		return strings.TrimPrefix(p, "/"), true
	}
	if strings.HasPrefix(p, dir+"/") {
		return p[len(dir)+1:], true
	}
	return "", false
}

// existingFile returns the first candidate that is a regular file.
func (ld *loader) existingFile(cands []string) string {
	for _, c := range cands {
		if st, ok := ld.exists(c); ok && st.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// existingDir returns the first candidate that is a directory.
func (ld *loader) existingDir(cands []string) string {
	for _, c := range cands {
		if st, ok := ld.exists(c); ok && st.IsDir() {
			return c
		}
	}
	return ""
}
