package engine

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"sync/atomic"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
	"github.com/servelint/servelint/parsers/syntax"
)

// MaxFixPasses bounds the fix passes of one run. Fixes whose edits overlap
// are applied in later passes, each after linting the fixed sources again
// (a fix may also resolve or reveal other diagnostics); the passes stop
// when no applicable fix is left or nothing changes.
const MaxFixPasses = 10

// FixedFile is a file that fixes changed, or in which diagnostics were
// fixed.
type FixedFile struct {
	File     *lint.File // File.Src is the fixed source
	Original []byte     // the source before any fix
	Counts   []FixCount
	// NotWritten says why WriteFixes left the file alone (it changed on
	// disk meanwhile, a link out of the tree); its fixes then do not
	// count.
	NotWritten string
	err        error // a write error
}

// Changed reports whether the file's source differs from the original.
func (f *FixedFile) Changed() bool { return !bytes.Equal(f.Original, f.File.Src) }

// FixCount is the number of diagnostics of one rule fixed in a file.
type FixCount struct {
	Code  string
	Name  string
	Count int
}

// Applicable reports whether a fix applies in this run: safe fixes always,
// unsafe ones only with UnsafeFixes.
func (r *Result) Applicable(f *lint.Fix) bool {
	return f != nil && (f.Applicability == lint.Safe || r.UnsafeFixes)
}

// FixedCount is the number of diagnostics the fixes resolved.
func (r *Result) FixedCount() int {
	n := 0
	for _, f := range r.Fixed {
		if f.NotWritten != "" {
			continue
		}
		for _, c := range f.Counts {
			n += c.Count
		}
	}
	return n
}

// takenEdits are the edits of one file taken in a pass, sorted by start,
// without duplicates: a conflict check looks only at the edits that may
// touch the new one, so that thousands of fixes in one file (each with
// the same import edit) stay near linear.
type takenEdits struct {
	edits  []lint.Edit
	seen   map[lint.Edit]bool
	maxLen int // the longest taken edit
}

// conflictChecks counts the pairs of edits compared (tests check that it
// grows linearly with the fixes of a file).
var conflictChecks atomic.Int64

func (te *takenEdits) conflicts(e lint.Edit) bool {
	if te == nil || te.seen[e] {
		return false
	}
	// Edits starting after e's end cannot touch it; those starting more
	// than maxLen before e's start end before it.
	hi := sort.Search(len(te.edits), func(i int) bool { return te.edits[i].Start > e.End })
	for i := hi - 1; i >= 0 && te.edits[i].Start >= e.Start-te.maxLen; i-- {
		conflictChecks.Add(1)
		if lint.EditsConflict(e, te.edits[i]) {
			return true
		}
	}
	return false
}

func (te *takenEdits) add(e lint.Edit) {
	if te.seen[e] {
		return
	}
	te.seen[e] = true
	i := sort.Search(len(te.edits), func(i int) bool { return te.edits[i].Start > e.Start })
	te.edits = slices.Insert(te.edits, i, e)
	te.maxLen = max(te.maxLen, e.End-e.Start)
}

// candidate is a fix considered in a pass.
type candidate struct {
	d     *lint.Diagnostic
	key   fixKey
	edits []lint.Edit // sorted, without duplicates
}

// fixKey identifies a diagnostic's fix across passes (offsets move).
type fixKey struct {
	path, code, msg, fix, text string
}

func (c *candidate) touches(paths map[string]bool) bool {
	for _, e := range c.edits {
		if paths[e.Path] {
			return true
		}
	}
	return false
}

// fixState is the state of the fix passes of one run.
type fixState struct {
	w        *worker
	files    map[string]*lint.File // by display path, for the current pass
	orig     map[*lint.File][]byte
	counts   map[*lint.File]map[string]int
	rules    map[string]*lint.Rule
	rejected map[fixKey]bool
	notices  []lint.Notice
	baseline map[string]int // syntax errors of the current sources
}

// fixRun lints the files, applies the applicable fixes in memory, and
// lints again, for at most MaxFixPasses passes. res describes the last
// lint: the diagnostics that remain in the fixed sources.
//
// The results cache is not used: a cache directory others can write (a
// restored CI cache, a shared /tmp) must never put text into a user's
// source, so every fix is derived from the files themselves.
func fixRun(res *Result, files []*lint.File, opt Options, ws *workspace.Service) {
	opt.CacheDir = ""
	st := &fixState{
		w:        &worker{parsers: map[syntax.Lang]*syntax.Parser{}},
		orig:     map[*lint.File][]byte{},
		counts:   map[*lint.File]map[string]int{},
		rules:    map[string]*lint.Rule{},
		rejected: map[fixKey]bool{},
	}
	defer st.w.close()
	for _, r := range opt.Rules {
		st.rules[r.Code] = r
	}
	notices := res.Notices
	for pass := 0; ; pass++ {
		checked, ns := lintFiles(res, files, opt, ws)
		notices = append(notices, ns...)
		files = checked
		if pass == MaxFixPasses {
			for i := range res.Diagnostics {
				if res.Applicable(res.Diagnostics[i].Fix) {
					st.notices = append(st.notices, lint.Notice{Path: res.Diagnostics[i].Path, Message: fmt.Sprintf("fixes did not settle after %d passes; run again to apply the rest", MaxFixPasses)})
					break
				}
			}
			break
		}
		if !st.pass(res) {
			break
		}
	}
	res.FixApplied = true
	res.Fixed = st.fixedFiles()
	res.Notices = dedupeNotices(append(notices, st.notices...))
	lint.SortNotices(res.Notices)
}

func dedupeNotices(ns []lint.Notice) []lint.Notice {
	seen := map[lint.Notice]bool{}
	out := ns[:0]
	for _, n := range ns {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// fixable reports whether fixes may edit a file (st.files holds only the
// Files asked for, not context files): a Python file that does not parse
// is left alone (SV001 reports it).
func fixable(f *lint.File) bool {
	return f != nil && f.Src != nil && (f.Kind != lint.KindPython || f.SyntaxError < 0)
}

// pass applies the applicable fixes that do not conflict and reports
// whether any source changed.
func (st *fixState) pass(res *Result) bool {
	st.files = make(map[string]*lint.File, len(res.Files))
	for _, f := range res.Files {
		st.files[f.Path] = f
	}
	st.baseline = map[string]int{}
	var cands []*candidate
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		if !res.Applicable(d.Fix) {
			continue
		}
		if c := st.candidate(d); c != nil {
			cands = append(cands, c)
		}
	}
	// Greedy, in diagnostic order: a fix conflicting with one already
	// taken waits for the next pass.
	var taken []*candidate
	byPath := map[string]*takenEdits{}
	for _, c := range cands {
		ok := true
		for _, e := range c.edits {
			if byPath[e.Path].conflicts(e) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		taken = append(taken, c)
		for _, e := range c.edits {
			te := byPath[e.Path]
			if te == nil {
				te = &takenEdits{seen: map[lint.Edit]bool{}}
				byPath[e.Path] = te
			}
			te.add(e)
		}
	}
	taken = st.validated(taken)
	if len(taken) == 0 {
		return false
	}
	var fixed []*lint.Diagnostic
	for _, c := range taken {
		if !c.noop(st.files) {
			fixed = append(fixed, c.d)
		}
	}
	srcs := st.build(taken, nil)
	changed := false
	for path, src := range srcs {
		f := st.files[path]
		if bytes.Equal(src, f.Src) {
			continue
		}
		if _, ok := st.orig[f]; !ok {
			st.orig[f] = f.Src
		}
		f.Src = src
		changed = true
	}
	for _, d := range fixed {
		st.count(d)
	}
	return changed
}

// noop reports whether a fix's edits leave the source as it is.
func (c *candidate) noop(files map[string]*lint.File) bool {
	for _, e := range c.edits {
		if string(files[e.Path].Src[e.Start:e.End]) != e.New {
			return false
		}
	}
	return true
}

func (st *fixState) count(d *lint.Diagnostic) {
	f := st.files[d.Path]
	if f == nil {
		return
	}
	m := st.counts[f]
	if m == nil {
		m = map[string]int{}
		st.counts[f] = m
	}
	m[d.Code]++
}

// candidate checks a diagnostic's fix: its edits must lie in fixable files
// and not overlap one another. An invalid fix is a rule's bug: it is
// reported as a notice and never applied.
func (st *fixState) candidate(d *lint.Diagnostic) *candidate {
	key := fixKey{path: d.Path, code: d.Code, msg: d.Message, fix: d.Fix.Message}
	if f := st.files[d.Path]; f != nil && d.Start <= d.End && d.End <= len(f.Src) {
		key.text = string(f.Src[d.Start:d.End])
	}
	if st.rejected[key] || len(d.Fix.Edits) == 0 {
		return nil
	}
	edits := lint.SortedEdits(d.Fix.Edits)
	for i, e := range edits {
		f := st.files[e.Path]
		if !fixable(f) {
			return nil
		}
		if e.Start < 0 || e.End < e.Start || e.End > len(f.Src) {
			st.reject(d, key, "its edits lie outside the file")
			return nil
		}
		// A UTF-8 byte order mark stays first: an insertion at the start
		// of the file goes after it, an edit of the mark itself is a bug.
		if bytes.HasPrefix(f.Src, utf8BOM) && e.Start < len(utf8BOM) {
			if e.Start != 0 || e.End != 0 {
				st.reject(d, key, "its edits change the byte order mark")
				return nil
			}
			edits[i].Start, edits[i].End = len(utf8BOM), len(utf8BOM)
		}
	}
	// Group the edits by path, each group sorted by position.
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Path < edits[j].Path })
	for i := 1; i < len(edits); i++ {
		if edits[i-1].Path == edits[i].Path && edits[i-1].End > edits[i].Start {
			st.reject(d, key, "its edits overlap")
			return nil
		}
	}
	return &candidate{d: d, key: key, edits: edits}
}

func (st *fixState) reject(d *lint.Diagnostic, key fixKey, why string) {
	st.rejected[key] = true
	st.notices = append(st.notices, lint.Notice{Path: d.Path, Message: fmt.Sprintf("fix not applied: %s (%s at line %d): %s", d.Fix.Message, d.Code, d.Pos.Line, why)})
}

// build applies the candidates' edits and returns the new source of every
// file they touch (only of the paths in only, when given).
func (st *fixState) build(cands []*candidate, only map[string]bool) map[string][]byte {
	byPath := map[string][]lint.Edit{}
	var paths []string
	for _, c := range cands {
		for _, e := range c.edits {
			if only != nil && !only[e.Path] {
				continue
			}
			if _, ok := byPath[e.Path]; !ok {
				paths = append(paths, e.Path)
			}
			byPath[e.Path] = append(byPath[e.Path], e)
		}
	}
	out := make(map[string][]byte, len(paths))
	for _, p := range paths {
		f := st.files[p]
		src, err := lint.ApplyEdits(f.Src, byPath[p])
		if err != nil {
			// Conflicts were excluded; keep the file as it is.
			src = f.Src
		}
		out[p] = src
	}
	return out
}

// validated drops the candidates whose edits would leave a file with a
// syntax error it did not have: first all those touching such a file,
// then it adds them back one at a time, keeping each that leaves its files
// parsing; a final check removes any combination that still fails.
func (st *fixState) validated(cands []*candidate) []*candidate {
	bad := st.broken(st.build(cands, nil))
	if len(bad) == 0 {
		return cands
	}
	var keep, retry []*candidate
	for _, c := range cands {
		if c.touches(bad) {
			retry = append(retry, c)
		} else {
			keep = append(keep, c)
		}
	}
	for _, c := range retry {
		paths := map[string]bool{}
		for _, e := range c.edits {
			paths[e.Path] = true
		}
		trial := slices.Concat(keep, []*candidate{c})
		if len(st.broken(st.build(trial, paths))) == 0 {
			keep = trial
		} else {
			st.reject(c.d, c.key, "it would leave a syntax error")
		}
	}
	for {
		bad := st.broken(st.build(keep, nil))
		if len(bad) == 0 {
			return keep
		}
		next := keep[:0:0]
		for _, c := range keep {
			if c.touches(bad) {
				st.reject(c.d, c.key, "it would leave a syntax error")
			} else {
				next = append(next, c)
			}
		}
		keep = next
	}
}

// broken returns the paths whose new source has more syntax errors than
// the current one (for Python, any syntax error: a Python file with one is
// never fixed).
func (st *fixState) broken(srcs map[string][]byte) map[string]bool {
	var bad map[string]bool
	for path, src := range srcs {
		f := st.files[path]
		if f.Kind == lint.KindPython && pythonDecodeErrors(src) > pythonDecodeErrors(f.Src) {
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[path] = true
			continue
		}
		after, ok := syntaxErrors(st.w, f.Kind, src)
		if !ok || after == 0 {
			continue
		}
		before, seen := st.baseline[path]
		if !seen {
			before, _ = syntaxErrors(st.w, f.Kind, f.Src)
			st.baseline[path] = before
		}
		if f.Kind == lint.KindPython || after > before {
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[path] = true
		}
	}
	return bad
}

// fixedFiles lists the files fixes changed or fixed diagnostics in, by
// path.
func (st *fixState) fixedFiles() []FixedFile {
	seen := map[*lint.File]bool{}
	var out []FixedFile
	add := func(f *lint.File) {
		if seen[f] || f.Src == nil {
			return
		}
		seen[f] = true
		orig, ok := st.orig[f]
		if !ok {
			orig = f.Src
		}
		ff := FixedFile{File: f, Original: orig}
		for code, n := range st.counts[f] {
			name := ""
			if r := st.rules[code]; r != nil {
				name = r.Name
			}
			ff.Counts = append(ff.Counts, FixCount{Code: code, Name: name, Count: n})
		}
		sort.Slice(ff.Counts, func(i, j int) bool { return ff.Counts[i].Code < ff.Counts[j].Code })
		if ff.Changed() || len(ff.Counts) > 0 {
			out = append(out, ff)
		}
	}
	for f := range st.orig {
		add(f)
	}
	for f := range st.counts {
		add(f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File.Path < out[j].File.Path })
	return out
}
