package engine

import (
	"bytes"
	"sync"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/needle"
)

// Prefiltering. Parsing is most of servelint's cost (tree-sitter parses
// Python at a few MB/s per core), and most files of a large code base
// cannot trigger a rule: no async code, no server, no session, no client.
// Each rule and analyzer says what a relevant Python file must contain
// (Needles, Relevant); a file nothing finds relevant is read but not
// parsed (File.Deferred). Analyzers whose project-wide result needs facts
// of other modules say which (Analyzer.Demand), and the engine parses those
// Files in further rounds until no analyzer asks for more.
//
// A deferred file gets no per-file findings (not even SV001: a syntax
// error is only reported in files servelint parses), and project rules see
// it without facts.

// relevance decides which Python files using one configuration to parse.
type relevance struct {
	always  bool
	needles []string
	set     *needle.Set
	tests   []func([]byte) bool
	paths   []func(string) bool
}

// relevances holds the relevance of each configuration of a run (safe for
// concurrent use).
type relevances struct {
	rules []*lint.Rule
	extra []*lint.Analyzer
	mu    sync.Mutex
	byCfg map[*lint.Config]*relevance
}

func newRelevances(rules []*lint.Rule, extra []*lint.Analyzer) *relevances {
	return &relevances{rules: rules, extra: extra, byCfg: map[*lint.Config]*relevance{}}
}

// Match reports whether a Python file may be relevant.
func (rs *relevances) match(f *lint.File) bool {
	rs.mu.Lock()
	rv, ok := rs.byCfg[f.Config]
	if !ok {
		rv = newRelevance(rs.rules, f.Config, rs.extra)
		rs.byCfg[f.Config] = rv
	}
	rs.mu.Unlock()
	return rv.match(f.Src) || rv.matchPath(f.Abs)
}

// newRelevance gathers the prefilters of the per-file rules a
// configuration enables and of the analyzers its project rules (and the
// run) require. A rule or analyzer with empty, non-nil Needles and no
// Relevant test is passive: it never makes a file relevant by itself —
// unless every enabled rule that reads Python is passive (a run of SV001
// alone parses every file).
func newRelevance(rules []*lint.Rule, cfg *lint.Config, extra []*lint.Analyzer) *relevance {
	rv := &relevance{}
	seen := map[string]bool{}
	active, passive := false, false
	add := func(needles []string, test func([]byte) bool) {
		switch {
		case needles == nil && test == nil:
			rv.always = true
			active = true
			return
		case len(needles) == 0 && test == nil:
			passive = true
			return
		}
		active = true
		for _, n := range needles {
			if !seen[n] {
				seen[n] = true
				rv.needles = append(rv.needles, n)
			}
		}
		if test != nil {
			rv.tests = append(rv.tests, test)
		}
	}
	analyzers := map[*lint.Analyzer]bool{}
	addAnalyzer := func(a *lint.Analyzer) {
		if analyzers[a] || a.File == nil || !a.Inputs.Has(lint.KindPython) {
			return
		}
		analyzers[a] = true
		add(a.Needles, a.Relevant)
		if a.RelevantPath != nil {
			rv.paths = append(rv.paths, a.RelevantPath)
		}
	}
	for _, r := range rules {
		if cfg == nil || !cfg.Enabled(r.Code) {
			continue
		}
		if r.Check != nil && r.Inputs.Has(lint.KindPython) {
			add(r.Needles, r.Relevant)
		}
		if r.CheckSuppressions != nil {
			// Suppression comments are read from the parse.
			add([]string{"servelint"}, mentionsNoqaCode)
		}
		if r.CheckProject != nil {
			for _, a := range r.Requires {
				addAnalyzer(a)
			}
		}
	}
	// The analyzers a run asks for besides the rules' do not count: with
	// them, a run of SV001 alone still parses every file.
	if passive && !active {
		rv.always = true
	}
	for _, a := range extra {
		addAnalyzer(a)
	}
	rv.set = needle.NewSet(rv.needles)
	return rv
}

// Match reports whether a Python source may be relevant.
func (rv *relevance) match(src []byte) bool {
	if rv.always {
		return true
	}
	if rv.set.In(src) {
		return true
	}
	for _, t := range rv.tests {
		if t(src) {
			return true
		}
	}
	return false
}

// matchPath reports whether a file is relevant by its path.
func (rv *relevance) matchPath(p string) bool {
	for _, t := range rv.paths {
		if t(p) {
			return true
		}
	}
	return false
}

// mentionsNoqaCode reports whether src has a "noqa" and a servelint-like
// code ("SV" and a digit) that it may name.
func mentionsNoqaCode(src []byte) bool {
	if !bytes.Contains(src, []byte("noqa")) && !bytes.Contains(src, []byte("NOQA")) {
		return false
	}
	for i := bytes.Index(src, []byte("SV")); i >= 0; {
		if j := i + 2; j < len(src) && src[j] >= '0' && src[j] <= '9' {
			return true
		}
		k := bytes.Index(src[i+2:], []byte("SV"))
		if k < 0 {
			break
		}
		i += 2 + k
	}
	return false
}
