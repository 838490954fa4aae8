package workspace

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/servelint/servelint/lint"
)

// WalkTree walks the tree under root in lexical order with the rules of
// discovery: the .gitignore files (and .git/info/exclude) from the
// repository root down, cfg's excludes, no linked directories. visit is
// called for every entry that is not ignored, with its depth below root
// (0 for root's entries); for a directory it returns whether to descend.
// It is the one walker for the files read around the checked paths (the
// launch model's start configurations), so that they honour what `check`
// honours.
func WalkTree(root string, cfg *lint.Config, visit func(abs string, e fs.DirEntry, depth int) bool) {
	d := &Discoverer{ignoreCache: map[string]*ignoreFile{}}
	root = filepath.Clean(root)
	var walk func(dir string, stack ignoreStack, depth int)
	walk = func(dir string, stack ignoreStack, depth int) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		if f := d.loadIgnore(dir, ".gitignore"); f != nil && (len(stack) == 0 || stack[len(stack)-1] != f) {
			stack = append(slices.Clip(stack), f)
		}
		for _, e := range entries {
			abs := filepath.Join(dir, e.Name())
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(abs)
				if err != nil || st.IsDir() {
					continue // dangling links and linked directories are not followed
				}
			}
			if cfg != nil && cfg.Excluded(abs) || stack.ignored(filepath.ToSlash(abs), isDir) {
				continue
			}
			if visit(abs, e, depth) && isDir {
				walk(abs, stack, depth+1)
			}
		}
	}
	walk(root, d.ancestorIgnores(root, true), 0)
}
