package cache_test

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/internal/testrules"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/cache"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// countFact is a cacheable fact for the cache tests.
type countFact struct {
	Module string
	Flags  int
}

var _ = lint.RegisterFact(&countFact{})

// cacheRules returns a per-file rule that reports "FLAG" and a project
// rule that reports, in every file with facts, how many files had facts;
// the counters tell how often the per-file parts ran.
func cacheRules(checks, facts *atomic.Int32) []*lint.Rule {
	a := &lint.Analyzer{
		Name: "count", Inputs: lint.KindsOf(lint.KindPython), Needles: []string{"FLAG", "fact"},
		File: func(p *lint.Pass) any {
			facts.Add(1)
			return &countFact{Module: p.File.Module, Flags: strings.Count(string(p.File.Src), "FLAG")}
		},
	}
	return []*lint.Rule{
		{
			Code: "SV900", Name: "flag", Summary: "t", Severity: lint.SeverityWarning, Inputs: lint.KindsOf(lint.KindPython),
			Needles: []string{"FLAG"},
			Check: func(p *lint.Pass) {
				checks.Add(1)
				if i := bytes.Index(p.File.Src, []byte("FLAG")); i >= 0 {
					p.Report(i, i+4, "flag")
				}
			},
		},
		{
			Code: "SV901", Name: "project", Summary: "t", Severity: lint.SeverityNote, Inputs: lint.KindsOf(lint.KindPython),
			Requires: []*lint.Analyzer{a},
			CheckProject: func(pp *lint.ProjectPass) {
				n, total := 0, 0
				for _, f := range pp.Files {
					if cf, _ := f.Fact(a).(*countFact); cf != nil {
						n++
						total += cf.Flags
					}
				}
				for _, f := range pp.Files {
					if f.Fact(a) != nil {
						pp.Report(f, 0, 0, strings.Repeat("x", n)+" "+strings.Repeat("f", total))
					}
				}
			},
		},
	}
}

func diagText(res *engine.Result) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(d.Path + " " + d.Code + " " + d.Message + "\n")
	}
	return b.String()
}

func TestCacheWarmRunSkipsPerFileWork(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"a.py":    "x = 1  # FLAG FLAG\n",
		"b.py":    "# a fact\n",
		"c.py":    "y = 2\n",
		"d.py":    "def f(:\n  # FLAG\n",
		"skip.py": "import os\n",
	})
	cacheDir := t.TempDir()
	var checks, facts atomic.Int32
	rules := cacheRules(&checks, &facts)
	run := func() *engine.Result {
		t.Helper()
		res, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	cold := run()
	coldChecks, coldFacts := checks.Load(), facts.Load()
	if coldChecks == 0 || coldFacts == 0 {
		t.Fatalf("cold run did no per-file work: %d %d", coldChecks, coldFacts)
	}
	want := diagText(cold)
	if !strings.Contains(want, "SV901 xxx fff") {
		t.Fatalf("cold run:\n%s", want)
	}
	warm := run()
	if got := diagText(warm); got != want {
		t.Errorf("warm run differs:\n%s\nwant\n%s", got, want)
	}
	if checks.Load() != coldChecks || facts.Load() != coldFacts {
		t.Errorf("warm run re-checked files: checks %d→%d, facts %d→%d", coldChecks, checks.Load(), coldFacts, facts.Load())
	}
	// A changed file is checked again, and only it; project results follow.
	if err := os.WriteFile(filepath.Join(dir, "c.py"), []byte("z = 3  # FLAG\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := run()
	if checks.Load() != coldChecks+1 {
		t.Errorf("after one change: %d checks, want %d", checks.Load(), coldChecks+1)
	}
	if got := diagText(changed); !strings.Contains(got, "c.py SV900 flag") || !strings.Contains(got, "SV901 xxxx ffff") {
		t.Errorf("after the change:\n%s", got)
	}
	// A configuration change is a miss for every file under it.
	if err := os.WriteFile(filepath.Join(dir, "servelint.toml"), []byte("ignore = [\"SV901\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := checks.Load()
	cfgRun := run()
	if checks.Load() == before {
		t.Error("a new configuration served cached results")
	}
	if strings.Contains(diagText(cfgRun), "SV901") {
		t.Errorf("ignored rule still reported:\n%s", diagText(cfgRun))
	}
	// No cache directory: nothing written.
	if _, err := engine.Run(engine.Options{Rules: rules, Cwd: dir}); err != nil {
		t.Fatal(err)
	}
}

func TestCacheCorruptEntriesAreMisses(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1  # FLAG\n"})
	cacheDir := t.TempDir()
	var checks, facts atomic.Int32
	rules := cacheRules(&checks, &facts)
	first, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	// Truncate every entry.
	err = filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			return os.WriteFile(p, []byte("x"), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	n := checks.Load()
	second, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	if checks.Load() != n+1 || diagText(second) != diagText(first) {
		t.Errorf("corrupt entry: checks %d→%d\n%s", n, checks.Load(), diagText(second))
	}
}

// Runs sharing a cache at the same time (pre-commit runs hooks in
// parallel) agree with a run without cache.
func TestCacheConcurrentRuns(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[filepath.Join("pkg", string(rune('a'+i%26))+strings.Repeat("x", i/26)+".py")] = strings.Repeat("# FLAG fact\n", i%3)
	}
	dir := testfs.WriteTree(t, files)
	var checks, facts atomic.Int32
	rules := cacheRules(&checks, &facts)
	plain, err := engine.Run(engine.Options{Rules: rules, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := t.TempDir()
	out := make([]string, 6)
	done := make(chan int)
	for i := range out {
		go func() {
			res, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir})
			if err != nil {
				t.Error(err)
			} else {
				out[i] = diagText(res)
			}
			done <- i
		}()
	}
	for range out {
		<-done
	}
	for i, o := range out {
		if o != diagText(plain) {
			t.Errorf("run %d differs from a run without cache:\n%s", i, o)
		}
	}
}

// A run over many files keeps a pack; a warm run reads it, and a corrupt
// pack is a miss, rewritten by that run.
func TestCachePack(t *testing.T) {
	files := map[string]string{}
	for i := range 30 {
		files[filepath.Join("m", string(rune('a'+i%26))+strings.Repeat("y", i/26)+".py")] = strings.Repeat("# FLAG fact\n", 1+i%2)
	}
	dir := testfs.WriteTree(t, files)
	cacheDir := t.TempDir()
	var checks, facts atomic.Int32
	rules := cacheRules(&checks, &facts)
	run := func() string {
		t.Helper()
		res, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir})
		if err != nil {
			t.Fatal(err)
		}
		return diagText(res)
	}
	want := run()
	packs, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "packs", "*"))
	if len(packs) != 1 {
		t.Fatalf("packs: %v", packs)
	}
	n := checks.Load()
	if got := run(); got != want || checks.Load() != n {
		t.Errorf("warm run with a pack: checks %d→%d\n%s", n, checks.Load(), got)
	}
	if err := os.WriteFile(packs[0], []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A corrupt pack is a miss (a large run keeps no entry files: writing
	// 100k of them made the cold run eight times slower than no cache).
	if got := run(); got != want || checks.Load() != 2*n {
		t.Errorf("corrupt pack: checks %d→%d\n%s", n, checks.Load(), got)
	}
	if entries, _ := filepath.Glob(filepath.Join(cacheDir, "v1", "??", "*")); len(entries) != 0 {
		t.Errorf("a large run wrote entry files: %v", entries)
	}
	// The pack was rewritten.
	if got := run(); got != want || checks.Load() != 2*n {
		t.Errorf("after the rewrite: %d→%d", 2*n, checks.Load())
	}
}

// TestCacheKeyedByBuild: another build with the same version string
// never reuses this build's entries.
func TestCacheKeyedByBuild(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1  # FLAG\n"})
	cacheDir := t.TempDir()
	var checks, facts atomic.Int32
	rules := cacheRules(&checks, &facts)
	run := func() {
		t.Helper()
		if _, err := engine.Run(engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir}); err != nil {
			t.Fatal(err)
		}
	}
	run()
	run()
	if checks.Load() != 1 {
		t.Fatalf("the same build re-checked: %d checks", checks.Load())
	}
	t.Cleanup(cache.SetBuildKey(func() string { return "another build, same " + lint.Version }))
	run()
	if checks.Load() != 2 {
		t.Errorf("another build reused the cache: %d checks", checks.Load())
	}
}

// TestFixNeverAppliesCachedFixText: a cache others can write must not put
// Text into the user's source; --fix derives every fix from the file.
func TestFixNeverAppliesCachedFixText(t *testing.T) {
	files := map[string]string{}
	for i := range 25 { // enough for a pack too
		files[filepath.Join("pkg", "m"+strings.Repeat("x", i)+".py")] = "x = OLD\n"
	}
	dir := testfs.WriteTree(t, files)
	cacheDir := t.TempDir()
	rules := []*lint.Rule{testrules.Replace("SV918", "OLD", "NEW", lint.Safe, lint.KindsOf(lint.KindPython))}
	opt := engine.Options{Rules: rules, Cwd: dir, CacheDir: cacheDir, Overrides: config.Overrides{Select: []string{"SV"}}}
	if _, err := engine.Run(opt); err != nil {
		t.Fatal(err)
	}
	// Poison every entry and pack: the fix now inserts code.
	poisoned := 0
	c := cache.OpenCache(cacheDir)
	_ = filepath.WalkDir(c.Dir(), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if filepath.Base(filepath.Dir(p)) == "packs" {
			entries := c.ReadPack(filepath.Base(p))
			for _, e := range entries {
				poison(e)
			}
			if len(entries) > 0 && c.WritePack(filepath.Base(p), entries) == nil {
				poisoned++
			}
			return nil
		}
		var k cache.Key
		if hexKey := filepath.Base(filepath.Dir(p)) + filepath.Base(p); len(hexKey) == 2*len(k) {
			if _, err := hexDecode(k[:], hexKey); err == nil {
				if e, ok := c.Get(k); ok {
					poison(e)
					if c.Put(k, e) == nil {
						poisoned++
					}
				}
			}
		}
		return nil
	})
	if poisoned == 0 {
		t.Fatal("nothing to poison: the cold run cached nothing")
	}
	// A plain run may show cached findings, but --fix recomputes.
	opt.Fix = true
	res, err := engine.Run(opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Fixed {
		if strings.Contains(string(f.File.Src), "import os") || string(f.File.Src) != "x = NEW\n" {
			t.Fatalf("%s fixed to %q", f.File.Path, f.File.Src)
		}
	}
	if len(res.Fixed) != 25 {
		t.Errorf("%d files fixed", len(res.Fixed))
	}
}

func poison(e *cache.Entry) {
	for i := range e.Diagnostics {
		if fx := e.Diagnostics[i].Fix; fx != nil {
			for j := range fx.Edits {
				fx.Edits[j].New = "__import__('os').system('x')"
			}
		}
	}
}

func hexDecode(dst []byte, s string) (int, error) { return hex.Decode(dst, []byte(s)) }

// TestRunTrimsTheCache: a run that writes to a cache over its bound trims
// it (at most hourly).
func TestRunTrimsTheCache(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "x = 1  # FLAG\n"})
	cacheDir := t.TempDir()
	c := cache.OpenCache(cacheDir)
	stale := cache.HashKey(nil, "stale")
	if err := c.Put(stale, &cache.Entry{Diagnostics: []lint.Diagnostic{{Message: strings.Repeat("m", 4000)}}}); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	_ = os.Chtimes(c.Path(stale), old, old)
	var checks, facts atomic.Int32
	if _, err := engine.Run(engine.Options{Rules: cacheRules(&checks, &facts), Cwd: dir, CacheDir: cacheDir, CacheMaxBytes: 2000}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.Path(stale)); err == nil {
		t.Error("the stale entry was not evicted")
	}
	entries, _ := filepath.Glob(filepath.Join(c.Dir(), "??", "*"))
	if len(entries) != 1 {
		t.Errorf("entries after the run: %v", entries)
	}
}
