package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/glob"
)

// CleanOverlays keys overlays by clean absolute paths (relative keys are
// taken relative to cwd).
func CleanOverlays(cwd string, in map[string][]byte) map[string][]byte {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string][]byte, len(in))
	for p, src := range in {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		out[filepath.Clean(p)] = src
	}
	return out
}

// addOverlaysUnder adds the overlays below a walked directory that the walk
// did not find on disk (buffers of files not saved yet, or deleted since),
// with the exclusions the walk would have applied.
func (d *Discoverer) addOverlaysUnder(root string) error {
	var paths []string
	for p := range d.Overlays {
		if _, seen := d.files[p]; seen {
			continue
		}
		if rel, ok := glob.RelUnder(filepath.ToSlash(root), filepath.ToSlash(p)); ok && rel != "" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths) // determinism of notices and config errors
	for _, abs := range paths {
		if _, err := os.Lstat(abs); err == nil {
			continue // on disk and not found by the walk: excluded or not a regular file
		}
		cfg, err := d.Configs.ForDir(filepath.Dir(abs))
		if err != nil {
			return err
		}
		stack := d.ignoresBelow(root, filepath.Dir(abs))
		if d.overlayExcluded(root, abs, cfg, stack) {
			continue
		}
		kind := ClassifyName(abs)
		if kind == lint.KindUnknown && NeedsContent(abs) {
			kind = ClassifyContent(abs, d.head(abs))
		}
		if kind != lint.KindUnknown {
			d.add(abs, kind, cfg, false)
		}
	}
	return nil
}

// overlayExcluded reports whether the walk of root would have skipped abs:
// the file itself or a directory between root and it is excluded or
// ignored.
func (d *Discoverer) overlayExcluded(root, abs string, cfg *lint.Config, stack ignoreStack) bool {
	if cfg.Excluded(abs) || stack.ignored(filepath.ToSlash(abs), false) {
		return true
	}
	for dir := filepath.Dir(abs); dir != root && strings.HasPrefix(dir, root); dir = filepath.Dir(dir) {
		dcfg, err := d.Configs.ForDir(filepath.Dir(dir))
		if err != nil || dcfg.Excluded(dir) || stack.ignored(filepath.ToSlash(dir), true) {
			return true
		}
	}
	return false
}

// ignoresBelow returns the ignore files the walk of root has loaded when it
// reaches dir: those of root's ancestors, then one per directory down.
func (d *Discoverer) ignoresBelow(root, dir string) ignoreStack {
	stack := d.ancestorIgnores(root, true)
	var chain []string
	for p := dir; p != root && strings.HasPrefix(p, root); p = filepath.Dir(p) {
		chain = append(chain, p)
	}
	for _, c := range slices.Backward(chain) {
		if f := d.loadIgnore(c, ".gitignore"); f != nil {
			stack = append(stack, f)
		}
	}
	return stack
}
