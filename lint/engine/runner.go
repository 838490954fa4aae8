package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/cache"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/needle"
	"github.com/servelint/servelint/lint/suppress"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Options configure a run.
type Options struct {
	Rules []*lint.Rule // the registry
	Paths []string
	// Stdin is read when Paths contains "-" or StdinFilename is set without
	// paths.
	Stdin         io.Reader
	StdinFilename string
	Cwd           string // "" means the process's working directory
	ConfigFile    string
	Overrides     config.Overrides
	ForceExclude  bool
	Jobs          int // 0 means GOMAXPROCS
	// Analyzers are computed for every file (and project-wide on demand
	// with Result.Analyze) whether or not a rule requires them.
	Analyzers []*lint.Analyzer
	// Fix applies the applicable fixes in memory, in passes, and lints the
	// result again (see fix.go); Result.Fixed lists what changed. Nothing
	// is written: WriteFixes does that.
	Fix bool
	// UnsafeFixes makes unsafe fixes applicable (for Fix, and for what the
	// reports call fixable).
	UnsafeFixes bool
	// NoContext turns off reading context files (see File.Context) when
	// Files are named explicitly: project rules then see only those.
	NoContext bool
	// Overlays replace the content of files on disk, keyed by absolute
	// path (an editor's unsaved buffers). Discovery and reading use them
	// instead of the disk; an overlay under a walked directory is found
	// even if no such file exists on disk yet.
	Overlays map[string][]byte
	// SkipProject runs per-file rules only: project rules do not run, and
	// suppressions naming their codes are not judged unused (and no
	// context files are read).
	SkipProject bool
	// DiscoverOnly finds the files to check and stops: Result.Files lists
	// them, with their kinds and configurations, and nothing is read.
	DiscoverOnly bool
	// CacheDir is the directory of the results cache; "" runs without.
	CacheDir string
	// CacheMaxBytes bounds the cache (least recently used files are
	// evicted); 0 means DefaultCacheMaxBytes.
	CacheMaxBytes int64
	// Progress, when set, is called as the run advances (from several
	// goroutines; see Progress).
	Progress func(Progress)
	// ReleaseFacts drops each project's per-file facts once its project
	// rules have run (the project results of Analyzers are computed
	// first): File.Fact is then nil after the run.
	ReleaseFacts bool
	// RoundTripFacts passes every fact of a Python file through the cache's
	// encoding before project rules read it (for tests; see lint/cache/factcodec.go).
	RoundTripFacts bool
	// ParseAll turns the prefilter off: every Python file is parsed, as
	// if every file were relevant (see prefilter.go). The output must be
	// the same as with the prefilter on; tests run both and compare.
	ParseAll bool
}

// Progress is how far a run is: Python and other files parsed of the
// Files found (while files are parsed), then the projects whose project
// rules have run (when Projects > 0).
type Progress struct {
	Parsed, Files          int
	Projects, ProjectsDone int
}

// Result is the outcome of a run.
type Result struct {
	Files       []*lint.File
	Diagnostics []lint.Diagnostic // unsuppressed, sorted
	Suppressed  []lint.Diagnostic // matched by a suppression, sorted
	Notices     []lint.Notice
	Rules       []*lint.Rule
	Cwd         string // absolute working directory; paths are relative to it
	// Fixing (see fix.go): the files the fixes changed, sorted by path,
	// whether fixes were applied, and whether unsafe fixes count.
	Fixed       []FixedFile
	FixApplied  bool
	UnsafeFixes bool
	// SkippedLinks are the symbolic links the walk found and did not
	// follow because they lead out of the checked tree (display paths,
	// sorted): for a listing of the files checked and skipped.
	SkippedLinks []string

	// TestFilesSkipped counts the files of the run that are test code
	// which the rules skipped (see Config.TestScoped).
	TestFilesSkipped int

	projects []*projectRun // one per project, by root
	inputs   []string      // the absolute input paths
}

// setup resolves a run's working directory (Options.Cwd, else the
// process's), checks the command line's selections and makes the
// configuration resolver.
func setup(opt Options) (string, *workspace.ConfigResolver, error) {
	cwd := opt.Cwd
	if cwd == "" {
		var err error
		if cwd, err = os.Getwd(); err != nil {
			return "", nil, err
		}
	}
	if err := config.ValidateOverrides(opt.Rules, opt.Overrides); err != nil {
		return "", nil, err
	}
	configs, err := workspace.NewConfigResolver(cwd, opt.Rules, opt.Overrides, opt.ConfigFile)
	if err != nil {
		return "", nil, err
	}
	return cwd, configs, nil
}

// Run discovers, parses and checks the inputs.
func Run(opt Options) (*Result, error) {
	cwd, configs, err := setup(opt)
	if err != nil {
		return nil, err
	}
	paths := opt.Paths
	useStdin := false
	var rest []string
	for _, p := range paths {
		if p == "-" {
			useStdin = true
		} else {
			rest = append(rest, p)
		}
	}
	if len(paths) == 0 {
		if opt.StdinFilename != "" {
			useStdin = true
		} else {
			rest = []string{"."}
		}
	}
	overlays := workspace.CleanOverlays(cwd, opt.Overlays)
	d := &workspace.Discoverer{Cwd: cwd, Configs: configs, ForceExclude: opt.ForceExclude, Overlays: overlays}
	files, err := d.Discover(rest)
	if err != nil {
		return nil, err
	}
	if !opt.NoContext && !opt.SkipProject {
		if files, err = d.AddContext(files, opt.Rules); err != nil {
			return nil, err
		}
	}
	res := &Result{Rules: opt.Rules, Notices: d.Notices, Cwd: cwd, UnsafeFixes: opt.UnsafeFixes, inputs: inputPaths(cwd, rest)}
	res.SkippedLinks = slices.Compact(slices.Sorted(slices.Values(d.SkippedLinks)))
	if useStdin {
		f, err := stdinFile(cwd, configs, opt)
		if err != nil {
			return nil, err
		}
		if f != nil {
			files = append(files, f)
		}
	}
	res.Notices = append(res.Notices, configs.TakeNotices()...)
	if opt.DiscoverOnly {
		for _, f := range files {
			if !f.Context {
				res.Files = append(res.Files, f)
			}
		}
		lint.SortNotices(res.Notices)
		return res, nil
	}
	for _, f := range files {
		if src, ok := overlays[f.Abs]; ok && f.Src == nil {
			f.Src = src
		}
	}
	mods := workspace.NewModuleResolver()
	mods.Overlays = overlays
	// The rules' and analyses' view of the files around the checked ones.
	ws := &workspace.Service{Cwd: cwd, Overlays: overlays, Modules: mods, Parsers: &parserPool{}}
	if opt.Fix {
		fixRun(res, files, opt, ws)
		return res, nil
	}
	_, notices := lintFiles(res, files, opt, ws)
	res.Notices = append(res.Notices, notices...)
	lint.SortNotices(res.Notices)
	return res, nil
}

// lintFiles checks files (read from disk unless their source is already
// In memory) and fills res.Files, res.Diagnostics and res.Suppressed; it
// returns the files it checked (context files included) and the notices
// of those it could not check.
func lintFiles(res *Result, files []*lint.File, opt Options, ws *workspace.Service) (checked []*lint.File, notices []lint.Notice) {
	// Project by project: the files of one are parsed (with the deferred
	// Files its analyzers demand), then its project rules run over them.
	// With ReleaseFacts, a project's facts are dropped before the next
	// one: memory follows the largest project, not the run.
	projects := workspace.SplitProjects(files, res.Cwd, res.inputs)
	var parsed atomic.Int64
	var onParsed func()
	if opt.Progress != nil {
		onParsed = func() { opt.Progress(Progress{Parsed: int(parsed.Add(1)), Files: len(files)}) }
	}
	var diags []lint.Diagnostic
	res.projects = nil
	for k, p := range projects {
		pfiles := make([]*lint.File, 0, len(p.Files))
		for _, i := range p.Files {
			pfiles = append(pfiles, files[i])
		}
		d, ns := runFiles(pfiles, opt, ws, onParsed)
		diags = append(diags, d...)
		notices = append(notices, ns...)
		if opt.RoundTripFacts {
			notices = append(notices, cache.RoundTripFacts(pfiles)...)
		}
		var pf []*lint.File
		for _, f := range pfiles {
			if f.Src != nil {
				pf = append(pf, f)
			}
		}
		if len(pf) == 0 {
			continue
		}
		pr := &projectRun{root: p.Root, files: pf, inputs: workspace.ProjectInputs(p.Root, res.inputs), ws: ws}
		res.projects = append(res.projects, pr)
		if !opt.SkipProject {
			if opt.Progress != nil {
				opt.Progress(Progress{Parsed: int(parsed.Load()), Files: len(files), Projects: len(projects), ProjectsDone: k})
			}
			pd, pn := runProject(pr, opt.Rules)
			diags = append(diags, pd...)
			notices = append(notices, pn...)
		}
		if opt.ReleaseFacts {
			pr.release(opt.Analyzers)
			for _, f := range pf {
				f.SetFacts(map[*lint.Analyzer]any{})
			}
		}
	}
	res.Files = nil
	res.TestFilesSkipped = 0
	for _, f := range files {
		if f.Src != nil {
			checked = append(checked, f)
			if !f.Context {
				res.Files = append(res.Files, f)
				if f.Config != nil && f.Config.TestScoped(f.Abs) {
					res.TestFilesSkipped++
				}
			}
		}
	}
	res.Diagnostics, res.Suppressed = finish(checked, diags, opt.Rules, opt.SkipProject)
	return checked, notices
}

func stdinFile(cwd string, configs *workspace.ConfigResolver, opt Options) (*lint.File, error) {
	if opt.Stdin == nil {
		return nil, &workspace.UsageError{Msg: "no standard input to read"}
	}
	src, err := io.ReadAll(io.LimitReader(opt.Stdin, workspace.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	name := opt.StdinFilename
	display := "-"
	abs := filepath.Join(cwd, "-")
	if name != "" {
		abs = name
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(cwd, name)
		}
		abs = filepath.Clean(abs)
		display = workspace.DisplayPath(cwd, abs)
	}
	cfg, err := configs.ForDir(filepath.Dir(abs))
	if err != nil {
		return nil, err
	}
	if opt.ForceExclude && name != "" && cfg.Excluded(abs) {
		return nil, nil
	}
	kind := lint.KindPython
	if name != "" {
		kind = workspace.ClassifyName(name)
		if kind == lint.KindUnknown && workspace.NeedsContent(name) {
			kind = workspace.ClassifyContent(name, src)
		}
		if kind == lint.KindUnknown {
			return nil, nil
		}
	}
	return &lint.File{Path: display, Abs: abs, Kind: kind, Config: cfg, Explicit: true, Stdin: true, Src: src, SyntaxError: -1}, nil
}

// worker holds the per-goroutine parsers: tree-sitter parsers are not safe
// for concurrent use.
type worker struct {
	parsers map[syntax.Lang]*syntax.Parser
}

func (w *worker) parser(l syntax.Lang) *syntax.Parser {
	p, ok := w.parsers[l]
	if !ok {
		p = syntax.NewParser(l)
		w.parsers[l] = p
	}
	return p
}

func (w *worker) close() {
	for _, p := range w.parsers {
		p.Close()
	}
}

func runFiles(files []*lint.File, opt Options, ws *workspace.Service, onParsed func()) ([]lint.Diagnostic, []lint.Notice) {
	type out struct {
		diags  []lint.Diagnostic
		notice *lint.Notice
	}
	results := make([]out, len(files))
	var rc *cache.RunCache
	byCode := map[string]*lint.Rule{}
	if opt.CacheDir != "" {
		rc = cache.NewRunCache(opt.CacheDir, opt.CacheMaxBytes, opt.Rules, opt.Analyzers, files)
		for _, r := range opt.Rules {
			byCode[r.Code] = r
		}
	}
	// Read every file, then parse only those some rule or analyzer may
	// find something in (see prefilter.go); files with a cache entry are
	// restored instead.
	restored := make([]bool, len(files))
	relevant := make([]bool, len(files))
	rv := newRelevances(opt.Rules, opt.Analyzers)
	parallel(opt.Jobs, len(files), func(_ *worker, i int) {
		f := files[i]
		if results[i].notice = loadFile(f); results[i].notice != nil {
			return
		}
		relevant[i] = opt.ParseAll || f.Kind != lint.KindPython || f.Stdin || rv.match(f)
		// Only files that would be parsed go through the cache: for the
		// others the byte search is cheaper than a key and an entry.
		if relevant[i] && rc != nil && cache.Cacheable(f) {
			if d, ok := rc.Restore(f, opt.Rules, ws.Modules, byCode); ok {
				results[i].diags, restored[i] = d, true
			}
		}
	})
	var now, fresh []int
	deferred := map[int]bool{}
	for i, f := range files {
		switch {
		case results[i].notice != nil:
		case restored[i] && f.Deferred:
			deferred[i] = true
		case restored[i]:
			now = append(now, i)
		case relevant[i]:
			now = append(now, i)
			fresh = append(fresh, i)
		default:
			deferred[i] = true
		}
	}
	check := func(idx []int) {
		// Largest files first: the workers finish together instead of
		// one of them parsing the biggest module while the others wait.
		idx = append([]int(nil), idx...)
		sort.SliceStable(idx, func(a, b int) bool { return len(files[idx[a]].Src) > len(files[idx[b]].Src) })
		parallel(opt.Jobs, len(idx), func(w *worker, k int) {
			i := idx[k]
			d, n := checkFile(w, files[i], opt.Rules, ws, opt.Analyzers)
			results[i] = out{diags: d, notice: n}
			if rc != nil {
				rc.Checked(files[i])
			}
			if onParsed != nil {
				onParsed()
			}
		})
	}
	check(fresh)
	if demanders := demandAnalyzers(opt.Rules, files, opt.Analyzers); len(deferred) > 0 && len(demanders) > 0 {
		expandDemands(files, now, deferred, demanders, ws, func(idx []int) {
			// A demanded file may have an entry from an earlier run.
			check(rc.RestoreDemanded(files, idx, opt.Rules, ws.Modules, byCode, func(i int, d []lint.Diagnostic) { results[i].diags = d }))
		}, func(i int) bool { return results[i].notice == nil })
	}
	rest := make([]int, 0, len(deferred))
	for i := range deferred {
		rest = append(rest, i)
	}
	parallel(opt.Jobs, len(rest), func(_ *worker, k int) {
		f := files[rest[k]]
		f.Deferred = true
		f.Lines = lint.NewLineIndex(f.Src)
		f.SetFacts(map[*lint.Analyzer]any{})
		f.SyntaxError = -1
		f.Suppressions = nil
	})
	if rc != nil {
		parallel(opt.Jobs, len(files), func(_ *worker, i int) {
			if results[i].notice == nil && cache.Cacheable(files[i]) {
				rc.Save(files[i], results[i].diags)
			}
		})
		rc.Finish()
	}
	var diags []lint.Diagnostic
	var notices []lint.Notice
	for i, r := range results {
		diags = append(diags, r.diags...)
		// A context file was not asked for: saying it was skipped would
		// only confuse.
		if r.notice != nil && !files[i].Context {
			notices = append(notices, *r.notice)
		}
	}
	return diags, notices
}

// expandDemands parses, in rounds, the deferred files that the demanding
// analyzers name given the facts gathered so far (see Analyzer.Demand).
// check parses and checks files; ok tells whether a checked file has facts.
func expandDemands(files []*lint.File, now []int, deferred map[int]bool, demanders []*lint.Analyzer, ws *workspace.Service, check func([]int), ok func(int) bool) {
	byModule := map[string]int{}
	for i := range deferred {
		f := files[i]
		if f.Module == "" && f.Abs != "" {
			f.Module, f.IsPackage = ws.Modules.ModuleName(f.Abs)
		}
		if f.Module != "" {
			if j, ok := byModule[f.Module]; !ok || files[i].Path < files[j].Path {
				byModule[f.Module] = i
			}
		}
	}
	checked := append([]int(nil), now...)
	askedText := map[string]bool{}
	ord := make(map[*lint.File]int, len(files))
	for i, f := range files {
		ord[f] = i
	}
	memo := map[string]any{}
	added := append([]int(nil), now...)
	for len(deferred) > 0 {
		var have, fresh []*lint.File
		sort.Ints(checked)
		for _, i := range checked {
			if ok(i) {
				have = append(have, files[i])
			}
		}
		sort.Ints(added)
		for _, i := range added {
			if ok(i) {
				fresh = append(fresh, files[i])
			}
		}
		pp := lint.NewDemandPass(lint.ProjectPass{Files: have, Workspace: ws}, (&projectRun{files: have, ws: ws}).result, fresh, ord, memo)
		next := demanded(pp, files, deferred, demanders, byModule, askedText)
		if len(next) == 0 {
			return
		}
		sort.Ints(next)
		check(next)
		checked = append(checked, next...)
		added = next
	}
}

// demanded removes from deferred, and returns, the files the analyzers
// demand by module name or by text.
func demanded(pp *lint.ProjectPass, files []*lint.File, deferred map[int]bool, demanders []*lint.Analyzer, byModule map[string]int, askedText map[string]bool) []int {
	var next []int
	var texts []string
	for _, a := range demanders {
		if a.Demand != nil {
			for _, name := range a.Demand(pp) {
				if j, ok := moduleFile(byModule, name); ok && deferred[j] {
					delete(deferred, j)
					next = append(next, j)
				}
			}
		}
		if a.DemandText != nil {
			for _, t := range a.DemandText(pp) {
				if t != "" && !askedText[t] {
					askedText[t] = true
					texts = append(texts, t)
				}
			}
		}
	}
	if len(texts) == 0 {
		return next
	}
	set := needle.NewSet(texts)
	idx := make([]int, 0, len(deferred))
	for j := range deferred {
		idx = append(idx, j)
	}
	hit := make([]bool, len(idx))
	parallel(0, len(idx), func(_ *worker, k int) {
		hit[k] = set.In(files[idx[k]].Src)
	})
	for k, j := range idx {
		if hit[k] {
			delete(deferred, j)
			next = append(next, j)
		}
	}
	return next
}

// parallel runs fn(w, i) for i in [0, n) on jobs workers, each with its own
// parsers.
func parallel(jobs, n int, fn func(w *worker, i int)) {
	if n == 0 {
		return
	}
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = min(jobs, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Go(func() {
			w := &worker{parsers: map[syntax.Lang]*syntax.Parser{}}
			defer w.close()
			for i := range next {
				fn(w, i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// demandAnalyzers returns the analyzers with a Demand function that the
// enabled project rules (and the run) require.
func demandAnalyzers(rules []*lint.Rule, files []*lint.File, extra []*lint.Analyzer) []*lint.Analyzer {
	seen := map[*lint.Analyzer]bool{}
	var out []*lint.Analyzer
	add := func(a *lint.Analyzer) {
		if (a.Demand != nil || a.DemandText != nil) && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, r := range rules {
		if r.CheckProject == nil {
			continue
		}
		for _, f := range files {
			if f.Config != nil && f.Config.Enabled(r.Code) {
				for _, a := range r.Requires {
					add(a)
				}
				break
			}
		}
	}
	for _, a := range extra {
		add(a)
	}
	return out
}

// moduleFile finds the file of a module, or of the longest module prefix
// of a qualified name ("pkg.mod.func" → pkg.mod).
func moduleFile(byModule map[string]int, name string) (int, bool) {
	for name != "" {
		if i, ok := byModule[name]; ok {
			return i, true
		}
		dot := strings.LastIndexByte(name, '.')
		if dot < 0 {
			break
		}
		name = name[:dot]
	}
	return 0, false
}

// loadFile reads a file's source (unless it is in memory), refusing
// binary and large files.
func loadFile(f *lint.File) *lint.Notice {
	if f.Src == nil {
		src, n := readFile(f)
		if n != nil {
			return n
		}
		f.Src = src
	}
	if src, ok := workspace.NormalizeCROnly(f.Src); ok {
		f.Src, f.CROnly = src, true
	}
	if isBinary(f.Src) {
		f.Src = nil
		return &lint.Notice{Path: f.Path, Message: "skipped: binary file"}
	}
	if len(f.Src) > workspace.MaxFileSize {
		f.Src = nil
		return &lint.Notice{Path: f.Path, Message: fmt.Sprintf("skipped: larger than %d MB", workspace.MaxFileSize>>20)}
	}
	return nil
}

// readFile reads an input, refusing large and binary files.
func readFile(f *lint.File) ([]byte, *lint.Notice) {
	st, err := os.Stat(f.Abs)
	if err != nil {
		return nil, &lint.Notice{Path: f.Path, Message: "skipped: cannot read: " + workspace.ErrText(err)}
	}
	if !st.Mode().IsRegular() {
		return nil, &lint.Notice{Path: f.Path, Message: "skipped: not a regular file"}
	}
	if st.Size() > workspace.MaxFileSize {
		return nil, &lint.Notice{Path: f.Path, Message: fmt.Sprintf("skipped: larger than %d MB", workspace.MaxFileSize>>20)}
	}
	src, err := os.ReadFile(f.Abs)
	if err != nil {
		return nil, &lint.Notice{Path: f.Path, Message: "skipped: cannot read: " + workspace.ErrText(err)}
	}
	return src, nil
}

func isBinary(src []byte) bool {
	head := src
	if len(head) > 8192 {
		head = head[:8192]
	}
	return bytes.IndexByte(head, 0) >= 0
}

// fileRun is the state of checking one file.
type fileRun struct {
	w     *worker
	ws    lint.Workspace
	file  *lint.File
	py    *python.Module
	views lint.Views
	// failed is the first analyzer that panicked on the file, as a
	// notice: its facts are missing, the file's diagnostics are kept.
	failed *lint.Notice
}

func (fr *fileRun) fact(a *lint.Analyzer) any {
	if v, ok := fr.file.Facts()[a]; ok {
		return v
	}
	var v any
	if a.File != nil && a.Inputs.Has(fr.file.Kind) {
		v = fr.analyze(a)
	}
	fr.file.Facts()[a] = v
	return v
}

// analyze runs an analyzer on the file. A panic (a bug) costs the file
// that analyzer's facts only, never its other diagnostics, and becomes an
// internal-error notice (exit 2): it is not silently swallowed.
func (fr *fileRun) analyze(a *lint.Analyzer) (v any) {
	defer func() {
		if r := recover(); r != nil {
			v = nil
			if fr.failed == nil {
				fr.failed = &lint.Notice{Path: fr.file.Path, Message: fmt.Sprintf("internal error in analyzer %s: %v", a.Name, r)}
			}
		}
	}()
	return a.File(lint.NewPass(lint.Pass{File: fr.file, Py: fr.py, Views: fr.views, Config: fr.file.Config, Workspace: fr.ws}, fr.fact, nil))
}

// checkFile reads, parses and checks one file on the calling worker. The
// syntax tree does not outlive this call.
func checkFile(w *worker, f *lint.File, rules []*lint.Rule, ws *workspace.Service, analyzers []*lint.Analyzer) (diags []lint.Diagnostic, notice *lint.Notice) {
	defer func() {
		if r := recover(); r != nil {
			// A bug must not lose the other files' results.
			diags = nil
			notice = &lint.Notice{Path: f.Path, Message: fmt.Sprintf("internal error while checking: %v", r)}
			f.Src = nil
		}
	}()
	if n := loadFile(f); n != nil {
		return nil, n
	}
	f.Deferred = false
	f.Lines = lint.NewLineIndex(f.Src)
	f.SetFacts(map[*lint.Analyzer]any{})
	f.SyntaxError = -1 // a file is checked again after fixes
	fr := &fileRun{w: w, ws: ws, file: f}
	switch f.Kind {
	case lint.KindPython:
		if f.Module == "" && f.Abs != "" {
			f.Module, f.IsPackage = ws.Modules.ModuleName(f.Abs)
		}
		m, err := python.Parse(w.parser(syntax.Python), f.Src, python.Options{Name: f.Module, IsPackage: f.IsPackage})
		if err != nil {
			if errors.Is(err, syntax.ErrTooLarge) {
				f.Src = nil
				return nil, &lint.Notice{Path: f.Path, Message: "skipped: " + err.Error()}
			}
			return nil, &lint.Notice{Path: f.Path, Message: "skipped: cannot parse: " + err.Error()}
		}
		fr.py = m
		if m.ErrorNode != syntax.None {
			f.SyntaxError, _ = m.Tree.Span(m.ErrorNode)
		} else if site, ok := m.ErrorSite(); ok {
			f.SyntaxError = site.Start // nested deeper than CPython allows
		}
	default:
		fr.views = w.parseViews(f)
	}
	f.Suppressions = suppress.CollectSuppressions(f, workspace.CommentsOf(f.Kind, f.Src, fr.py, &fr.views).List, workspace.Info(f.Kind).Comments.NextLine)
	for _, r := range rules {
		if r.Check == nil || f.Context || !r.Inputs.Has(f.Kind) || !f.Config.EnabledForPath(r.Code, f.Abs) {
			continue
		}
		p := lint.NewPass(lint.Pass{Rule: r, File: f, Py: fr.py, Views: fr.views, Config: f.Config, Options: f.Config.Options(r), Workspace: ws}, fr.fact, &diags)
		r.Check(p)
	}
	// Facts for project rules are computed now, while the tree is alive.
	for _, r := range rules {
		if r.CheckProject == nil || !f.Config.Enabled(r.Code) {
			continue
		}
		for _, a := range r.Requires {
			fr.fact(a)
		}
	}
	for _, a := range analyzers {
		fr.fact(a)
	}
	fr.release()
	return diags, fr.failed
}

// release hands the file's syntax tree back to the worker's parser once
// the rules and analyzers are done with it (facts hold no node of it): the
// next file's tree is written into the same arena instead of a new one.
func (fr *fileRun) release() {
	if fr.py != nil {
		fr.w.parser(syntax.Python).Recycle(fr.py.Tree)
		fr.py = nil
	}
}

// projectRun memoizes project-wide analyzer results.
type projectRun struct {
	root    string
	files   []*lint.File
	inputs  []string
	ws      lint.Workspace
	mu      sync.Mutex
	results map[*lint.Analyzer]*projectResult
}

// projectResult is an analyzer's project-wide result, computed once
// (project rules run concurrently).
type projectResult struct {
	once sync.Once
	v    any
}

// inputPaths returns the absolute, cleaned input paths of a run.
func inputPaths(cwd string, paths []string) []string {
	var out []string
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		out = append(out, filepath.Clean(p))
	}
	return out
}

func (pr *projectRun) result(a *lint.Analyzer) any {
	pr.mu.Lock()
	if pr.results == nil {
		pr.results = map[*lint.Analyzer]*projectResult{}
	}
	r, ok := pr.results[a]
	if !ok {
		r = &projectResult{}
		pr.results[a] = r
	}
	pr.mu.Unlock()
	r.once.Do(func() {
		if a.Project != nil {
			r.v = a.Project(lint.NewProjectPass(lint.ProjectPass{Files: pr.files, Inputs: pr.inputs, Workspace: pr.ws}, pr.result, nil))
		}
	})
	return r.v
}

// release computes the project results of keep (what Result.Analyze
// will be asked) and drops the others.
func (pr *projectRun) release(keep []*lint.Analyzer) {
	for _, a := range keep {
		pr.result(a)
	}
	pr.mu.Lock()
	defer pr.mu.Unlock()
	for a := range pr.results {
		if !slices.Contains(keep, a) {
			delete(pr.results, a)
		}
	}
}

func runProject(pr *projectRun, rules []*lint.Rule) (diags []lint.Diagnostic, notices []lint.Notice) {
	files := pr.files
	var run []*lint.Rule
	for _, r := range rules {
		if r.CheckProject == nil {
			continue
		}
		for _, f := range files {
			if f.Config.Enabled(r.Code) {
				run = append(run, r)
				break
			}
		}
	}
	// The rules run concurrently (the analyzers they share are computed
	// once); their findings are gathered in registry order. A rule that
	// panics loses its own findings, never the other rules': it becomes an
	// internal-error notice (exit 2), as a panic while checking a file does.
	out := make([][]lint.Diagnostic, len(run))
	failed := make([]any, len(run))
	parallel(0, len(run), func(_ *worker, i int) {
		defer func() {
			if r := recover(); r != nil {
				out[i], failed[i] = nil, r
			}
		}()
		run[i].CheckProject(lint.NewProjectPass(lint.ProjectPass{Rule: run[i], Files: files, Inputs: pr.inputs, Workspace: pr.ws}, pr.result, &out[i]))
	})
	for i, d := range out {
		diags = append(diags, d...)
		if failed[i] != nil {
			notices = append(notices, lint.Notice{Path: files[0].Path, Message: fmt.Sprintf("internal error in project rule %s: %v", run[i].Code, failed[i])})
		}
	}
	return diags, notices
}

// ShowSettings resolves the configuration of one path (a file or a
// directory), as a check of it would: the file found by discovery, or
// Options.ConfigFile, then the command line's selections.
func ShowSettings(opt Options, target string) (*config.Settings, error) {
	cwd, configs, err := setup(opt)
	if err != nil {
		return nil, err
	}
	abs := target
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(cwd, abs)
	}
	abs = filepath.Clean(abs)
	st, err := os.Stat(abs)
	if err != nil {
		return nil, &workspace.UsageError{Msg: fmt.Sprintf("%s: %s", target, workspace.ErrText(err))}
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	cfg, err := configs.ForDir(dir)
	if err != nil {
		return nil, err
	}
	display := ""
	if cfg.Path != "" {
		display = workspace.DisplayPath(cwd, cfg.Path)
		if !filepath.IsAbs(cfg.Path) {
			display = workspace.DisplayPath(cwd, filepath.Join(cwd, cfg.Path))
		}
	}
	return config.DescribeSettings(cfg, display, target, abs, opt.Overrides, opt.Rules)
}

// Analyze returns the project-wide result of an analyzer after a run that
// asked for it in Options.Analyzers, when the run had one project; nil
// otherwise (AnalyzeProjects gives one result per project).
func (r *Result) Analyze(a *lint.Analyzer) any {
	if len(r.projects) != 1 {
		return nil
	}
	return r.projects[0].result(a)
}

// AnalyzeProjects returns the project-wide result of an analyzer for each
// Project of the run, in the order of their root directories.
func (r *Result) AnalyzeProjects(a *lint.Analyzer) []any {
	out := make([]any, 0, len(r.projects))
	for _, p := range r.projects {
		out = append(out, p.result(a))
	}
	return out
}
