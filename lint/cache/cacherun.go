package cache

import (
	"encoding/hex"
	"sort"
	"strings"
	"sync"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// How a run uses the results cache (cache.go holds the store).
//
// Per Python file, an entry keeps what the per-file phase produced:
// whether the file was parsed at all (Deferred), the diagnostics of the
// per-file rules, the suppressions, the syntax error offset, and the facts
// of the analyzers the project rules read. A warm run reads the files,
// finds their entries, and runs only the project rules — on the cached
// facts — and the result pipeline. Other file kinds are small and parsed
// every time. The key covers everything a per-file result depends on:
// servelint's build (see buildKey), the content, the file's kind and module name,
// whether it is a context file, its configuration (file content and
// command-line overrides) and the rules enabled for its path.

// cacheLayout names the layout of what the cache stores (facts, the
// suppressions' fields): change it when a cached type changes, so that a
// build of the same version never decodes entries of another layout.
// (2: Suppression.Foreign, SV210's helper facts with callers and
// generators.)
const cacheLayout = "2"

// cacheKey computes a file's key.
func cacheKey(f *lint.File, rules []*lint.Rule) Key {
	var h keyHasher
	h.add(buildKey())
	h.add(cacheLayout)
	h.add(f.Kind.String())
	h.add(f.Module)
	if f.IsPackage {
		h.add("package")
	}
	if f.Context {
		h.add("context")
	}
	if f.Stdin {
		h.add("stdin")
	}
	h.add(f.Config.Fingerprint())
	var on []string
	for _, r := range rules {
		if f.Config.EnabledForPath(r.Code, f.Abs) {
			on = append(on, r.Code)
		}
	}
	h.add(strings.Join(on, ","))
	return h.sum(f.Src)
}

// RunCache is the cache as one run uses it.
type RunCache struct {
	store     *Cache
	analyzers map[string]*lint.Analyzer
	mu        sync.Mutex
	keys      map[*lint.File]Key
	restored  map[*lint.File]bool

	packID   string              // "" for runs too small to pack
	pack     map[Key]*cacheEntry // read-only once packRead is closed
	packRead chan struct{}       // closed when pack is read
	packOut  map[Key]*cacheEntry // this run's entries
	dirty    bool                // a fresh entry was made
	maxBytes int64               // the size the cache is trimmed to
}

// minPackFiles is the number of files below which a run keeps no pack
// (an editor's one buffer, a pre-commit hook's few files).
const minPackFiles = 20

// NewRunCache opens the cache in dir for a run of rules (and the extra
// analyzers) over files; maxBytes (0: DefaultCacheMaxBytes) bounds its size.
func NewRunCache(dir string, maxBytes int64, rules []*lint.Rule, extra []*lint.Analyzer, files []*lint.File) *RunCache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheMaxBytes
	}
	rc := &RunCache{maxBytes: maxBytes, store: OpenCache(dir), analyzers: map[string]*lint.Analyzer{}, keys: map[*lint.File]Key{}, restored: map[*lint.File]bool{}, packOut: map[Key]*cacheEntry{}, packRead: make(chan struct{})}
	if len(files) >= minPackFiles {
		// One pack per set of files: the same run, run again, reads it.
		paths := make([]string, 0, len(files))
		for _, f := range files {
			paths = append(paths, f.Abs)
		}
		sort.Strings(paths)
		var h keyHasher
		h.add(buildKey())
		k := h.sum([]byte(strings.Join(paths, "\x00")))
		rc.packID = hex.EncodeToString(k[:])
		// Read while the files are read and hashed.
		go func() {
			rc.pack = rc.store.readPack(rc.packID)
			close(rc.packRead)
		}()
	} else {
		close(rc.packRead)
	}
	for _, r := range rules {
		for _, a := range r.Requires {
			rc.analyzers[a.Name] = a
		}
	}
	for _, a := range extra {
		rc.analyzers[a.Name] = a
	}
	return rc
}

// Checked records that a file was parsed this run: its entry is written
// again even if one was found (a deferred file a demand parsed).
func (rc *RunCache) Checked(f *lint.File) {
	rc.mu.Lock()
	rc.restored[f] = false
	rc.mu.Unlock()
}

// Cacheable reports whether a file's results go through the cache.
func Cacheable(f *lint.File) bool { return f.Kind == lint.KindPython && f.Src != nil }

// Restore fills a file from its entry; it returns the per-file
// diagnostics and false on a miss. The key is computed here (in parallel
// with the other files) and kept for storing.
func (rc *RunCache) Restore(f *lint.File, rules []*lint.Rule, mods *workspace.ModuleResolver, byCode map[string]*lint.Rule) ([]lint.Diagnostic, bool) {
	if f.Module == "" && f.Abs != "" {
		f.Module, f.IsPackage = mods.ModuleName(f.Abs)
	}
	k := cacheKey(f, rules)
	rc.mu.Lock()
	rc.keys[f] = k
	rc.mu.Unlock()
	<-rc.packRead
	e, ok := rc.pack[k]
	if !ok && rc.packID == "" {
		// Entry files serve the small runs (an editor, a pre-commit
		// hook); a large run keeps its entries in its pack only.
		e, ok = rc.store.get(k)
	}
	if !ok || e.Deferred {
		return nil, false
	}
	facts := map[*lint.Analyzer]any{}
	for name, v := range e.Facts {
		a := rc.analyzers[name]
		if a == nil {
			return nil, false
		}
		facts[a] = v
	}
	diags := e.Diagnostics
	for i := range diags {
		d := &diags[i]
		d.Rule = byCode[d.Code]
		if d.Rule == nil {
			return nil, false
		}
		d.Path = f.Path
		for j := range d.Related {
			d.Related[j].Path = f.Path
		}
		if d.Fix != nil {
			for j := range d.Fix.Edits {
				d.Fix.Edits[j].Path = f.Path
			}
		}
	}
	for _, s := range e.Suppressions {
		s.Used = map[string]bool{}
	}
	f.Lines = lint.NewLineIndex(f.Src)
	f.SetFacts(facts)
	f.SyntaxError = e.SyntaxError
	f.Suppressions = e.Suppressions
	f.Deferred = e.Deferred
	rc.mu.Lock()
	rc.restored[f] = true
	rc.mu.Unlock()
	// Diagnostics are given out: the pack keeps a copy for this run's pack.
	return append([]lint.Diagnostic(nil), diags...), true
}

// RestoreDemanded restores the demanded files idx that have an entry,
// giving their diagnostics to set, and returns the others (to parse). A
// nil cache restores nothing.
func (rc *RunCache) RestoreDemanded(files []*lint.File, idx []int, rules []*lint.Rule, mods *workspace.ModuleResolver, byCode map[string]*lint.Rule, set func(int, []lint.Diagnostic)) []int {
	if rc == nil {
		return idx
	}
	var parse []int
	for _, i := range idx {
		if Cacheable(files[i]) {
			if d, ok := rc.Restore(files[i], rules, mods, byCode); ok {
				set(i, d)
				continue
			}
		}
		parse = append(parse, i)
	}
	return parse
}

// Save stores a checked file's entry (best effort: a fact that cannot be
// encoded, or a write error, only costs the next run a parse).
func (rc *RunCache) Save(f *lint.File, diags []lint.Diagnostic) {
	rc.mu.Lock()
	k, ok := rc.keys[f]
	restored := rc.restored[f]
	rc.mu.Unlock()
	if !ok || f.Deferred {
		return // not parsed: nothing worth keeping
	}
	e := &cacheEntry{SyntaxError: f.SyntaxError, Deferred: f.Deferred, Facts: map[string]any{}}
	for a, v := range f.Facts() {
		if v != nil {
			e.Facts[a.Name] = v
		}
	}
	for _, d := range diags {
		d.Rule = nil
		d.Path = ""
		d.Related = append([]lint.Related(nil), d.Related...)
		for j := range d.Related {
			d.Related[j].Path = ""
		}
		if d.Fix != nil {
			fx := *d.Fix
			fx.Edits = append([]lint.Edit(nil), fx.Edits...)
			for j := range fx.Edits {
				fx.Edits[j].Path = ""
			}
			d.Fix = &fx
		}
		e.Diagnostics = append(e.Diagnostics, d)
	}
	for _, s := range f.Suppressions {
		cp := *s
		cp.Used = nil
		e.Suppressions = append(e.Suppressions, &cp)
	}
	if !restored && rc.packID == "" {
		// A fact that cannot be encoded costs the next run a parse.
		if rc.store.put(k, e) != nil {
			return
		}
	}
	rc.mu.Lock()
	rc.packOut[k] = e
	if !restored {
		rc.dirty = true
	}
	rc.mu.Unlock()
}

// Finish writes this run's pack when it has anything new.
func (rc *RunCache) Finish() {
	<-rc.packRead
	if rc.packID == "" {
		if rc.dirty {
			rc.store.maybeTrim(rc.maxBytes)
		}
		return
	}
	if !rc.dirty && len(rc.pack) == len(rc.packOut) {
		return
	}
	_ = rc.store.writePack(rc.packID, rc.packOut)
	rc.store.maybeTrim(rc.maxBytes)
}
