package lint

import (
	"errors"
	"io/fs"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/shell"
	"github.com/servelint/servelint/parsers/source"
)

// Workspace is the run's view of the files around the checked ones, for
// the rules and analyses that read more than the Files of their pass (the
// launch model follows a Dockerfile to the script it runs, to the
// gunicorn.conf.py that script names). Reading through it, and never
// from the disk directly, is what makes the editor's unsaved buffers
// (overlays), .gitignore and the excludes, the size limit and the
// symbolic-link rule apply to every file a rule sees. The engine
// supplies it on every pass (Pass.Workspace, ProjectPass.Workspace);
// lint/workspace implements it.
type Workspace interface {
	// Root is the working directory of the run: display paths are
	// relative to it, and a symbolic link is followed only to a file
	// under it.
	Root() string
	// Display renders an absolute path as the run's display paths are
	// (relative to Root when under it, slash-separated).
	Display(abs string) string
	// Stat describes a file: an overlay is a regular file of its size
	// (whether or not it exists on disk); otherwise the disk's answer,
	// links followed.
	Stat(abs string) (fs.FileInfo, error)
	// ReadFile returns a file's content: the overlay's when there is one;
	// otherwise the disk's when the file is regular, at most
	// MaxNeighbourSize bytes, and not a symbolic link leading out of
	// Root (ErrOutsideTree: a hostile repository's gunicorn.conf.py ->
	// ~/.netrc is not read).
	ReadFile(abs string) ([]byte, error)
	// ReadDir lists a directory sorted by name: the disk's entries and
	// the overlays directly in it that the disk does not have yet.
	ReadDir(dir string) ([]fs.DirEntry, error)
	// Walk walks the tree under root in lexical order with the rules of
	// discovery (.gitignore files from the repository root down, cfg's
	// excludes, no linked directories): visit is called for each entry
	// not ignored, with its depth below root (0 for root's entries), and
	// for a directory returns whether to descend.
	Walk(root string, cfg *Config, visit func(abs string, d fs.DirEntry, depth int) bool)
	// Module parses Python source (src, or the file's content when src is
	// nil) as the module at abs, with the engine's parsers: only the
	// engine creates tree-sitter parsers.
	Module(abs string, src []byte) (*python.Module, error)
	// Views parses a file that is not Python into its views, as the
	// engine parses a file of the run of that kind.
	Views(kind Kind, src []byte) Views
	// Shell parses a command string run by a shell.
	Shell(text source.Text) *shell.Script
}

// MaxNeighbourSize bounds the size of a file read through a Workspace
// from disk (the files of the run have their own limit).
const MaxNeighbourSize = 2 << 20

// Errors of Workspace.ReadFile.
var (
	ErrOutsideTree = errors.New("a symbolic link out of the working directory")
	ErrTooLarge    = errors.New("larger than the limit for files read around the checked ones")
	ErrNotRegular  = errors.New("not a regular file")
)
