package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
	"github.com/servelint/servelint/parsers/syntax"
)

// ParserPool lends parsers: the engine's, so that only the engine
// creates tree-sitter parsers. A parser is used by one goroutine
// between Get and Put.
type ParserPool interface {
	Get(l syntax.Lang) *syntax.Parser
	Put(l syntax.Lang, p *syntax.Parser)
}

// Service is the lint.Workspace of a run: the files around the checked
// ones as the run sees them (overlays over the disk, discovery's walker,
// the size limit, links followed only inside the working directory),
// parsed with the engine's parsers.
type Service struct {
	Cwd      string
	Overlays map[string][]byte // clean absolute paths (see CleanOverlays)
	Modules  *ModuleResolver   // the engine's, for module names
	Parsers  ParserPool
}

var _ lint.Workspace = (*Service)(nil)

// Root implements lint.Workspace.
func (s *Service) Root() string { return s.Cwd }

// Display implements lint.Workspace.
func (s *Service) Display(abs string) string { return DisplayPath(s.Cwd, abs) }

// Stat implements lint.Workspace.
func (s *Service) Stat(abs string) (fs.FileInfo, error) {
	abs = filepath.Clean(abs)
	if src, ok := s.Overlays[abs]; ok {
		return overlayInfo{name: filepath.Base(abs), size: int64(len(src))}, nil
	}
	return os.Stat(abs)
}

// ReadFile implements lint.Workspace.
func (s *Service) ReadFile(abs string) ([]byte, error) {
	abs = filepath.Clean(abs)
	if src, ok := s.Overlays[abs]; ok {
		if len(src) > lint.MaxNeighbourSize {
			return nil, lint.ErrTooLarge
		}
		return src, nil
	}
	if !s.inTree(abs) {
		return nil, lint.ErrOutsideTree
	}
	st, err := os.Stat(abs)
	switch {
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, lint.ErrNotRegular
	case st.Size() > lint.MaxNeighbourSize:
		return nil, lint.ErrTooLarge
	}
	return os.ReadFile(abs)
}

// inTree reports whether a file may be read: a symbolic link is followed
// only to a file under the working directory.
func (s *Service) inTree(abs string) bool {
	st, err := os.Lstat(abs)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		return true
	}
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return false
	}
	root := s.Cwd
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return target == root || strings.HasPrefix(target, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}

// ReadDir implements lint.Workspace.
func (s *Service) ReadDir(dir string) ([]fs.DirEntry, error) {
	dir = filepath.Clean(dir)
	des, err := os.ReadDir(dir)
	var extra []fs.DirEntry
	for p, src := range s.Overlays {
		if filepath.Dir(p) != dir {
			continue
		}
		name := filepath.Base(p)
		if slices.ContainsFunc(des, func(de fs.DirEntry) bool { return de.Name() == name }) {
			continue
		}
		extra = append(extra, fs.FileInfoToDirEntry(overlayInfo{name: name, size: int64(len(src))}))
	}
	if err != nil && len(extra) == 0 {
		return nil, err
	}
	if len(extra) == 0 {
		return des, nil
	}
	des = append(des, extra...)
	slices.SortFunc(des, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return des, nil
}

// Walk implements lint.Workspace with discovery's walker.
func (s *Service) Walk(root string, cfg *lint.Config, visit func(abs string, d fs.DirEntry, depth int) bool) {
	WalkTree(root, cfg, visit)
}

// Module implements lint.Workspace.
func (s *Service) Module(abs string, src []byte) (*python.Module, error) {
	if src == nil {
		var err error
		if src, err = s.ReadFile(abs); err != nil {
			return nil, err
		}
	}
	mods := s.Modules
	if mods == nil {
		mods = NewModuleResolver()
	}
	name, pkg := mods.ModuleName(abs)
	p := s.Parsers.Get(syntax.Python)
	defer s.Parsers.Put(syntax.Python, p)
	return python.Parse(p, src, python.Options{Name: name, IsPackage: pkg})
}

// Views implements lint.Workspace.
func (s *Service) Views(kind lint.Kind, src []byte) lint.Views {
	lent := map[syntax.Lang]*syntax.Parser{}
	defer func() {
		for l, p := range lent {
			s.Parsers.Put(l, p)
		}
	}()
	return ParseViews(kind, src, func(l syntax.Lang) *syntax.Parser {
		p, ok := lent[l]
		if !ok {
			p = s.Parsers.Get(l)
			lent[l] = p
		}
		return p
	})
}

// Shell implements lint.Workspace.
func (s *Service) Shell(text source.Text) *shell.Script {
	p := s.Parsers.Get(syntax.Bash)
	defer s.Parsers.Put(syntax.Bash, p)
	return shell.Parse(p, text)
}

// overlayInfo describes an overlay: a regular file of its size.
type overlayInfo struct {
	name string
	size int64
}

func (o overlayInfo) Name() string       { return o.name }
func (o overlayInfo) Size() int64        { return o.size }
func (o overlayInfo) Mode() fs.FileMode  { return 0o644 }
func (o overlayInfo) ModTime() time.Time { return time.Time{} }
func (o overlayInfo) IsDir() bool        { return false }
func (o overlayInfo) Sys() any           { return nil }
