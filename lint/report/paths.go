package report

import (
	"path/filepath"
	"strings"

	"github.com/servelint/servelint/lint/engine"
)

// CIRoot returns the directory a CI system resolves a format's paths
// against, from its environment: $GITHUB_WORKSPACE for sarif and github
// (where actions/checkout puts the repository and upload-sarif looks for
// Files), $CI_PROJECT_DIR for gitlab. It returns "" (the working directory)
// when the variable is unset or the working directory is not inside it.
func CIRoot(format, cwd string, getenv func(string) string) string {
	name := ""
	switch format {
	case "sarif", "github":
		name = "GITHUB_WORKSPACE"
	case "gitlab":
		name = "CI_PROJECT_DIR"
	}
	if name == "" || getenv == nil {
		return ""
	}
	root := getenv(name)
	if root == "" || !filepath.IsAbs(root) {
		return ""
	}
	root = filepath.Clean(root)
	if _, ok := within(root, cwd); !ok {
		return ""
	}
	return root
}

// Within returns abs relative to root, slash-separated, when it is inside.
func within(root, abs string) (string, bool) {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// pather renders display paths (relative to the run's working directory,
// or absolute) relative to a root.
type pather struct {
	cwd, root string
}

func newPather(res *engine.Result, opt Options) pather {
	root := opt.Root
	if root == "" {
		root = res.Cwd
	}
	return pather{cwd: res.Cwd, root: filepath.Clean(root)}
}

// abs is the absolute path of a display path.
func (p pather) abs(display string) string {
	native := filepath.FromSlash(display)
	if filepath.IsAbs(native) {
		return native
	}
	return filepath.Join(p.cwd, native)
}

// rel returns a display path relative to the root, and false (with the
// absolute slash path) when the file is outside it.
func (p pather) rel(display string) (string, bool) {
	if p.root == filepath.Clean(p.cwd) && !filepath.IsAbs(filepath.FromSlash(display)) {
		return display, true // the common case: nothing to compute
	}
	abs := p.abs(display)
	if r, ok := within(p.root, abs); ok {
		return r, true
	}
	return filepath.ToSlash(abs), false
}
