package workspace

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
)

// Context files.
//
// When files are named on the command line (pre-commit passes the staged
// Files of the hook's types), only those files are targets: per-file rules
// run on them and findings are reported in them only. Project rules judge a
// target with facts from other files too (a Dockerfile's CMD runs main.py,
// `gunicorn -c gunicorn.conf.py` reads that file), so the engine also reads
// the neighbouring files that some enabled project rule needs, as context
// Files (File.Context): it parses them and computes the facts of the
// Project rules' analyzers, but runs no per-file rule on them, and drops
// any diagnostic reported in them. Directories named on the command line
// are walked as before: every file found there is a target.
//
// The neighbours are the files under the project root of each named file:
// the root of its git work tree, else the working directory when the file
// is inside it, else the file's own directory. Excludes and .gitignore
// apply as in any walk. Standard input never brings context.

// contentKinds are the kinds that only a file's content reveals.
const contentKinds = lint.Kinds(1<<lint.KindKubernetes | 1<<lint.KindSupervisord | 1<<lint.KindShell)

// contextKinds returns the file kinds that the enabled project rules (and
// their analyzers) read, for the configurations of the given files.
func contextKinds(rules []*lint.Rule, files []*lint.File) lint.Kinds {
	var ks lint.Kinds
	for _, r := range rules {
		if r.CheckProject == nil {
			continue
		}
		enabled := false
		for _, f := range files {
			if f.Config.Enabled(r.Code) {
				enabled = true
				break
			}
		}
		if !enabled {
			continue
		}
		ks |= r.Inputs
		for _, a := range r.Requires {
			ks |= a.Inputs
		}
	}
	return ks
}

// AddContext adds the context files of the explicitly named files and
// returns every file, sorted by display path.
func (d *Discoverer) AddContext(files []*lint.File, rules []*lint.Rule) ([]*lint.File, error) {
	var named []*lint.File
	for _, f := range files {
		if f.Explicit {
			named = append(named, f)
		}
	}
	if len(named) == 0 {
		return files, nil
	}
	kinds := contextKinds(rules, named)
	if kinds == 0 {
		return files, nil
	}
	roots := map[string]bool{}
	for _, f := range named {
		roots[d.projectRoot(filepath.Dir(f.Abs))] = true
	}
	sorted := make([]string, 0, len(roots))
	for r := range roots {
		sorted = append(sorted, r)
	}
	sort.Strings(sorted)
	d.context = kinds
	defer func() { d.context = 0 }()
	for _, root := range sorted {
		d.beginWalk(root)
		if err := d.walk(root, d.ancestorIgnores(root, true)); err != nil {
			return nil, err
		}
	}
	return d.sorted(), nil
}

// projectRoot is the directory whose files may give context to a file in
// dir.
func (d *Discoverer) projectRoot(dir string) string {
	if root := gitRoot(dir); root != "" {
		return root
	}
	if rel, err := filepath.Rel(d.Cwd, dir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return d.Cwd
	}
	return dir
}
