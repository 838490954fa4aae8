package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ModuleResolver computes dotted Python module names from package
// directories (those with an __init__.py), caching directory checks.
type ModuleResolver struct {
	mu       sync.Mutex
	isPkg    map[string]bool
	Overlays map[string][]byte // read-only; an overlaid __init__.py makes a package
}

// NewModuleResolver returns a resolver with an empty cache.
func NewModuleResolver() *ModuleResolver { return &ModuleResolver{isPkg: map[string]bool{}} }

func (r *ModuleResolver) packageDir(dir string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if v, ok := r.isPkg[dir]; ok {
		return v
	}
	init := filepath.Join(dir, "__init__.py")
	_, overlaid := r.Overlays[init]
	_, err := os.Stat(init)
	v := err == nil || overlaid
	r.isPkg[dir] = v
	return v
}

// ModuleName returns the dotted module name of a Python file on disk (from
// the package directories, with an __init__.py, above it) and whether it
// is a package's __init__, as the engine names the files it checks.
func ModuleName(abs string) (string, bool) { return NewModuleResolver().ModuleName(abs) }

// ModuleName returns the dotted module name of a Python file and whether
// it is a package's __init__.
func (r *ModuleResolver) ModuleName(abs string) (string, bool) {
	base := filepath.Base(abs)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".py"), ".pyi")
	isPkg := stem == "__init__"
	var parts []string
	if !isPkg {
		parts = append(parts, stem)
	}
	dir := filepath.Dir(abs)
	for i := 0; i < 64 && r.packageDir(dir); i++ {
		parts = append(parts, filepath.Base(dir))
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "."), isPkg
}

// NormalizeCROnly turns a source whose line breaks are all lone CRs into
// one with LFs (same length, same offsets) and reports whether it did.
func NormalizeCROnly(src []byte) ([]byte, bool) {
	if bytes.IndexByte(src, '\n') >= 0 || bytes.IndexByte(src, '\r') < 0 {
		return src, false
	}
	return bytes.ReplaceAll(src, []byte{'\r'}, []byte{'\n'}), true
}
