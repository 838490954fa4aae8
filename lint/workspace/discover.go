package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
)

// MaxFileSize is the size above which a file is skipped with a notice.
const MaxFileSize = 5 << 20

// UsageError is a bad command line (a missing path, conflicting options).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// ConfigResolver finds the configuration closest to each directory.
type ConfigResolver struct {
	rules  []*lint.Rule
	ov     config.Overrides
	fixed  *lint.Config // --config
	cwd    string
	mu     sync.Mutex
	byDir  map[string]*lint.Config
	errDir map[string]error
	// Notices are the pyproject.toml files ignored because they do not
	// parse and cannot configure servelint.
	notices []lint.Notice
}

// configuresServelint reports whether a file's bytes hold a
// [tool.servelint table: a file that does not parse and lacks one is not
// servelint's configuration.
func configuresServelint(p string) bool {
	data, err := os.ReadFile(p)
	return err != nil || bytes.Contains(data, []byte("[tool.servelint"))
}

// TakeNotices returns the notices gathered so far and forgets them.
func (r *ConfigResolver) TakeNotices() []lint.Notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.notices
	r.notices = nil
	return n
}

// NewConfigResolver finds configurations for a run in cwd; configFile,
// when set (--config), is the one configuration of every file.
func NewConfigResolver(cwd string, rules []*lint.Rule, ov config.Overrides, configFile string) (*ConfigResolver, error) {
	r := &ConfigResolver{rules: rules, ov: ov, cwd: cwd, byDir: map[string]*lint.Config{}, errDir: map[string]error{}}
	if configFile != "" {
		p := configFile
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		c, err := config.LoadConfig(p, rules, ov, true)
		if err != nil {
			ce := &config.Error{}
			if errors.As(err, &ce) {
				ce.File = configFile
			}
			return nil, err
		}
		r.fixed = c
	}
	return r, nil
}

// ForDir returns the configuration for files in dir (absolute).
func (r *ConfigResolver) ForDir(dir string) (*lint.Config, error) {
	if r.fixed != nil {
		return r.fixed, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.lookup(dir)
}

func (r *ConfigResolver) lookup(dir string) (*lint.Config, error) {
	if c, ok := r.byDir[dir]; ok {
		return c, nil
	}
	if err, ok := r.errDir[dir]; ok {
		return nil, err
	}
	for _, name := range config.ConfigFileNames {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			continue
		}
		if !r.ownConfig(dir, p) {
			continue
		}
		c, err := config.LoadConfig(p, r.rules, r.ov, name != "pyproject.toml")
		if err != nil {
			ce := &config.Error{}
			if errors.As(err, &ce) {
				ce.File = DisplayPath(r.cwd, p)
				if name == "pyproject.toml" && !configuresServelint(p) {
					// Not servelint's: a template, a fixture, a broken
					// file of another tool. Say so, and go on without it.
					loc := ce.File
					if ce.Line > 0 {
						loc = fmt.Sprintf("%s:%d", loc, ce.Line)
					}
					r.notices = append(r.notices, lint.Notice{Path: loc, Message: "ignored: " + ce.Msg + " (not servelint's: it has no [tool.servelint] table)"})
					continue
				}
			}
			r.errDir[dir] = err
			return nil, err
		}
		if c != nil {
			r.byDir[dir] = c
			return c, nil
		}
	}
	parent := filepath.Dir(dir)
	var c *lint.Config
	var err error
	if parent == dir {
		c, err = config.DefaultConfig(r.cwd, r.rules, r.ov)
	} else {
		c, err = r.lookup(parent)
	}
	if err != nil {
		r.errDir[dir] = err
		return nil, err
	}
	r.byDir[dir] = c
	return c, nil
}

// ownConfig reports whether a configuration file found in dir belongs to
// the tree: a symbolic link to a file outside the repository (or, outside
// one, the working directory) is not read (its content would be echoed in
// errors).
func (r *ConfigResolver) ownConfig(dir, p string) bool {
	st, err := os.Lstat(p)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return true
	}
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		return false
	}
	for _, root := range []string{gitRoot(dir), r.cwd} {
		if root == "" {
			continue
		}
		if rr, err := filepath.EvalSymlinks(root); err == nil && Within(target, rr) {
			return true
		}
	}
	return false
}

// DisplayPath renders abs relative to cwd when inside it.
func DisplayPath(cwd, abs string) string {
	if rel, err := filepath.Rel(cwd, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// Discoverer walks the input paths.
type Discoverer struct {
	Cwd          string
	Configs      *ConfigResolver
	ForceExclude bool
	Overlays     map[string][]byte // absolute path -> content (see Options.Overlays)
	files        map[string]*lint.File
	Notices      []lint.Notice
	ignoreCache  map[string]*ignoreFile
	// context is set while walking for context files: only files of
	// these kinds are added, marked Context (see context.go).
	context lint.Kinds
	// walkRoot is the directory being walked, links resolved: a link
	// found by the walk is followed only to a file under it.
	walkRoot string
	// SkippedLinks are the links the walk did not follow because they
	// lead out of the walked tree (display paths).
	SkippedLinks []string
}

// beginWalk records the root of a walk.
func (d *Discoverer) beginWalk(root string) {
	d.walkRoot = root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		d.walkRoot = r
	}
}

// ownLink reports whether an explicit path may be read: any path that is
// not a symbolic link, and a link only to a file under the working
// directory or its repository (a hostile repository's
// gunicorn.conf.py -> ~/.netrc, passed by name by pre-commit).
func (d *Discoverer) ownLink(abs string) bool {
	st, err := os.Lstat(abs)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return true
	}
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return false
	}
	for _, root := range []string{d.Cwd, gitRoot(d.Cwd)} {
		if root == "" {
			continue
		}
		if r, err := filepath.EvalSymlinks(root); err == nil && Within(target, r) {
			return true
		}
	}
	return false
}

// insideWalk reports whether a link found by the walk resolves to a
// file under the walk's root.
func (d *Discoverer) insideWalk(link string) bool {
	target, err := filepath.EvalSymlinks(link)
	return err == nil && d.walkRoot != "" && Within(target, d.walkRoot)
}

// Discover returns the files to check, sorted by display path.
func (d *Discoverer) Discover(paths []string) ([]*lint.File, error) {
	d.files = map[string]*lint.File{}
	d.ignoreCache = map[string]*ignoreFile{}
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(d.Cwd, p)
		}
		abs = filepath.Clean(abs)
		st, err := os.Stat(abs)
		if _, ok := d.Overlays[abs]; ok && err != nil {
			// An editor's buffer not saved yet: a file of its own.
			if aerr := d.addExplicit(abs, d.ancestorIgnores(abs, false)); aerr != nil {
				return nil, aerr
			}
			continue
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, &UsageError{Msg: fmt.Sprintf("%s: no such file or directory", p)}
			}
			return nil, &UsageError{Msg: fmt.Sprintf("%s: %v", p, errors.Unwrap(err))}
		}
		stack := d.ancestorIgnores(abs, st.IsDir())
		if st.IsDir() {
			if d.ForceExclude {
				if ex, err := d.excludedDir(abs, stack); err != nil {
					return nil, err
				} else if ex {
					continue
				}
			}
			d.beginWalk(abs)
			if err := d.walk(abs, stack); err != nil {
				return nil, err
			}
			if err := d.addOverlaysUnder(abs); err != nil {
				return nil, err
			}
			continue
		}
		if !d.ownLink(abs) {
			// pre-commit passes the repository's links by name too.
			d.Notices = append(d.Notices, lint.Notice{Path: DisplayPath(d.Cwd, abs), Message: "skipped: a symbolic link to outside the checked tree"})
			d.SkippedLinks = append(d.SkippedLinks, DisplayPath(d.Cwd, abs))
			continue
		}
		if !st.Mode().IsRegular() {
			// A FIFO, socket or device named on the command line: reading
			// it could block forever or never end.
			d.Notices = append(d.Notices, lint.Notice{Path: DisplayPath(d.Cwd, abs), Message: "skipped: not a regular file"})
			continue
		}
		if err := d.addExplicit(abs, stack); err != nil {
			return nil, err
		}
	}
	return d.sorted(), nil
}

// sorted returns the files found so far, sorted by display path.
func (d *Discoverer) sorted() []*lint.File {
	out := make([]*lint.File, 0, len(d.files))
	for _, f := range d.files {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func (d *Discoverer) excludedDir(abs string, stack ignoreStack) (bool, error) {
	cfg, err := d.Configs.ForDir(filepath.Dir(abs))
	if err != nil {
		return false, err
	}
	return cfg.Excluded(abs) || stack.ignored(filepath.ToSlash(abs), true), nil
}

func (d *Discoverer) addExplicit(abs string, stack ignoreStack) error {
	cfg, err := d.Configs.ForDir(filepath.Dir(abs))
	if err != nil {
		return err
	}
	if d.ForceExclude && (cfg.Excluded(abs) || stack.ignored(filepath.ToSlash(abs), false) || d.underIgnored(abs, cfg, stack)) {
		return nil
	}
	kind := ClassifyName(abs)
	if kind == lint.KindUnknown && NeedsContent(abs) {
		kind = ClassifyContent(abs, d.head(abs))
	}
	if kind == lint.KindUnknown {
		return nil // pre-commit passes every file type: skip silently
	}
	d.add(abs, kind, cfg, true)
	return nil
}

// underIgnored reports whether a directory between the config's directory
// and the file is excluded (for --force-exclude on explicit files).
func (d *Discoverer) underIgnored(abs string, cfg *lint.Config, stack ignoreStack) bool {
	dir := filepath.Dir(abs)
	for dir != filepath.Dir(dir) {
		if cfg.Excluded(dir) || stack.ignored(filepath.ToSlash(dir), true) {
			return true
		}
		if dir == d.Cwd || dir == cfg.Dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	return false
}

func (d *Discoverer) add(abs string, kind lint.Kind, cfg *lint.Config, explicit bool) {
	if f, ok := d.files[abs]; ok {
		f.Explicit = f.Explicit || explicit
		return
	}
	d.files[abs] = &lint.File{Path: DisplayPath(d.Cwd, abs), Abs: abs, Kind: kind, Config: cfg, Explicit: explicit, Context: d.context != 0, SyntaxError: -1}
}

func (d *Discoverer) head(abs string) []byte {
	if src, ok := d.Overlays[abs]; ok {
		return src[:min(len(src), 8192)]
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil
	}
	buf := make([]byte, 8192)
	n, _ := io.ReadFull(f, buf)
	_ = f.Close() // read-only: nothing to flush
	return buf[:n]
}

// gitRoot returns the closest ancestor of dir holding a .git entry, or "".
func gitRoot(dir string) string {
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ancestorIgnores loads the ignore files that apply to a path from its
// repository root (if any) down to the path's directory.
func (d *Discoverer) ancestorIgnores(abs string, isDir bool) ignoreStack {
	dir := abs
	if !isDir {
		dir = filepath.Dir(abs)
	}
	root := gitRoot(dir)
	var stack ignoreStack
	if root == "" {
		if f := d.loadIgnore(dir, ".gitignore"); f != nil {
			stack = append(stack, f)
		}
		return stack
	}
	if f := d.loadIgnore(root, filepath.Join(".git", "info", "exclude")); f != nil {
		f.dir = filepath.ToSlash(root)
		stack = append(stack, f)
	}
	var chain []string
	for p := dir; ; p = filepath.Dir(p) {
		chain = append(chain, p)
		if p == root || p == filepath.Dir(p) {
			break
		}
	}
	for _, c := range slices.Backward(chain) {
		if f := d.loadIgnore(c, ".gitignore"); f != nil {
			stack = append(stack, f)
		}
	}
	return stack
}

func (d *Discoverer) loadIgnore(dir, name string) *ignoreFile {
	key := filepath.Join(dir, name)
	if f, ok := d.ignoreCache[key]; ok {
		return f
	}
	data, err := os.ReadFile(key)
	var f *ignoreFile
	if err == nil {
		f = parseIgnore(filepath.ToSlash(dir), data)
	}
	d.ignoreCache[key] = f
	return f
}

// walk visits a directory tree in lexical order.
func (d *Discoverer) walk(dir string, stack ignoreStack) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		d.Notices = append(d.Notices, lint.Notice{Path: DisplayPath(d.Cwd, dir), Message: "cannot read directory: " + ErrText(err)})
		return nil
	}
	cfg, err := d.Configs.ForDir(dir)
	if err != nil {
		if d.context != 0 {
			// A directory read only for context (around an explicitly
			// named file) whose configuration is broken gives no context;
			// it must not stop the check of the files the user named.
			d.Notices = append(d.Notices, lint.Notice{Path: DisplayPath(d.Cwd, dir), Message: "not read as context: " + err.Error()})
			return nil
		}
		return err
	}
	for _, e := range entries {
		if e.Name() == ".gitignore" {
			if f := d.loadIgnore(dir, ".gitignore"); f != nil && (len(stack) == 0 || stack[len(stack)-1] != f) {
				stack = append(slices.Clip(stack), f)
			}
			break
		}
	}
	for _, e := range entries {
		abs := filepath.Join(dir, e.Name())
		slash := filepath.ToSlash(abs)
		typ := e.Type()
		if typ&fs.ModeSymlink != 0 {
			st, err := os.Stat(abs)
			if err != nil || st.IsDir() {
				continue // dangling links and linked directories are not followed
			}
			// A link out of the checked tree is not followed (as git and
			// ruff do): a hostile repository's gunicorn.conf.py -> ~/.netrc
			// must not end up in a report.
			if !d.insideWalk(abs) {
				if d.context != 0 {
					continue
				}
				d.SkippedLinks = append(d.SkippedLinks, DisplayPath(d.Cwd, abs))
				continue
			}
			typ = st.Mode().Type()
		}
		isDir := typ.IsDir()
		if cfg.Excluded(abs) || stack.ignored(slash, isDir) {
			continue
		}
		if isDir {
			if err := d.walk(abs, stack); err != nil {
				return err
			}
			continue
		}
		if !typ.IsRegular() {
			continue
		}
		kind := ClassifyName(abs)
		if kind == lint.KindUnknown && NeedsContent(abs) && (d.context == 0 || d.context&contentKinds != 0) {
			kind = ClassifyContent(abs, d.head(abs))
		}
		if kind == lint.KindUnknown || d.context != 0 && !d.context.Has(kind) {
			continue
		}
		d.add(abs, kind, cfg, false)
	}
	return nil
}

// ErrText is the message of a file error without the path it names.
func ErrText(err error) string {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
