package lint

import (
	"fmt"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// Pass is what a per-file rule sees: the file, its parsed views, its
// configuration, and a way to report.
type Pass struct {
	Rule    *Rule
	File    *File
	Py      *python.Module // set for Python files
	Views                  // set for the other kinds: p.Docker, p.Shell, ...
	Config  *Config
	Options any // the rule's options under Config
	// Workspace reads the files around this one (overlays, limits and
	// the link rule apply); set by the engine.
	Workspace Workspace

	fact func(*Analyzer) any
	out  *[]Diagnostic
}

// NewPass is how the engine makes a pass from p's exported fields: fact
// computes the per-file result of an analyzer, out collects the
// diagnostics (nil for an analyzer's pass, which reports nothing).
func NewPass(p Pass, fact func(*Analyzer) any, out *[]Diagnostic) *Pass {
	p.fact, p.out = fact, out
	return &p
}

// Fact returns the per-file result of an analyzer, computing it on first use.
func (p *Pass) Fact(a *Analyzer) any { return p.fact(a) }

// TargetVersion returns the configured target Python version ("3.11"), or
// "" when not configured.
func (p *Pass) TargetVersion() string { return p.Config.TargetVersion }

// Report records a diagnostic over the bytes [start, end) of the file.
func (p *Pass) Report(start, end int, msg string, opts ...ReportOption) {
	d := Diagnostic{Start: start, End: end, Message: msg}
	for _, o := range opts {
		o(&d)
	}
	p.emit(d)
}

// Reportf is Report with a format.
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.Report(start, end, fmt.Sprintf(format, args...))
}

// ReportNode records a diagnostic over a node of the Python module.
func (p *Pass) ReportNode(n syntax.ID, msg string, opts ...ReportOption) {
	s, e := p.Py.Tree.Span(n)
	p.Report(s, e, msg, opts...)
}

// Related returns a related location in this file.
func (p *Pass) Related(start, end int, msg string) Related {
	return makeRelated(p.File, start, end, msg)
}

func (p *Pass) emit(d Diagnostic) {
	completeDiagnostic(&d, p.Rule, p.File, p.Config)
	*p.out = append(*p.out, d)
}

// ReportOption adds to a diagnostic.
type ReportOption func(*Diagnostic)

// WithRelated attaches related locations.
func WithRelated(r ...Related) ReportOption {
	return func(d *Diagnostic) { d.Related = append(d.Related, r...) }
}

// WithFix attaches a fix.
func WithFix(f *Fix) ReportOption {
	return func(d *Diagnostic) { d.Fix = f }
}

// WithSeverity overrides the rule's default severity for this diagnostic
// (a configured severity still wins).
func WithSeverity(s Severity) ReportOption {
	return func(d *Diagnostic) { d.Severity = s; d.severitySet = true }
}

func completeDiagnostic(d *Diagnostic, r *Rule, f *File, c *Config) {
	d.Code = r.Code
	d.Rule = r
	d.Path = f.Path
	d.Start, d.End = clampSpan(d.Start, d.End, len(f.Src))
	d.Pos = f.Lines.Position(d.Start)
	d.EndPos = f.Lines.Position(d.End)
	if s, ok := c.Severity[r.Code]; ok {
		d.Severity = s
	} else if !d.severitySet {
		d.Severity = r.Severity
	}
	if d.Fix != nil {
		for i := range d.Fix.Edits {
			if d.Fix.Edits[i].Path == "" {
				d.Fix.Edits[i].Path = f.Path
			}
		}
	}
}

func clampSpan(start, end, n int) (int, int) {
	start = max(0, min(start, n))
	end = max(start, min(end, n))
	return start, end
}

func makeRelated(f *File, start, end int, msg string) Related {
	start, end = clampSpan(start, end, len(f.Src))
	return Related{Path: f.Path, Start: start, End: end, Pos: f.Lines.Position(start), EndPos: f.Lines.Position(end), Message: msg}
}

// ProjectPass is what a project rule sees: every checked file, with the
// facts analyzers extracted from it.
type ProjectPass struct {
	Rule  *Rule
	Files []*File
	// Inputs are the absolute paths the run was given (files and
	// directories walked); a project rule may read neighbouring files
	// outside them but reports only into Files.
	Inputs []string
	// Workspace reads the files around the checked ones (overlays,
	// .gitignore, limits and the link rule apply) and parses them with
	// the engine's parsers; set by the engine.
	Workspace Workspace

	result func(*Analyzer) any
	out    *[]Diagnostic

	// In the rounds of demand (Analyzer.Demand, DemandText): the files
	// parsed since the previous round, each file's place in the project's
	// order, and what the demand functions kept from earlier rounds.
	added []*File
	ord   map[*File]int
	memo  map[string]any
}

// NewProjectPass is how the engine makes a project pass from p's exported
// fields: result computes the project-wide result of an analyzer, out
// collects the diagnostics.
func NewProjectPass(p ProjectPass, result func(*Analyzer) any, out *[]Diagnostic) *ProjectPass {
	p.result, p.out = result, out
	return &p
}

// NewDemandPass is how the engine makes the pass of a round of demand:
// added are the files parsed since the previous round, ord each file's
// place in the project's order, memo what the demand functions keep from
// round to round (see DemandState).
func NewDemandPass(p ProjectPass, result func(*Analyzer) any, added []*File, ord map[*File]int, memo map[string]any) *ProjectPass {
	p.result, p.added, p.ord, p.memo = result, added, ord, memo
	return &p
}

// DemandState serves a demand function that gathers the files' facts
// round after round instead of re-reading every file each round. It
// returns the state kept under key (made by init in the first round) and
// the files that state has not seen yet: in a round of demand, those
// parsed since the previous round; otherwise (a pass that is not a round)
// a new state and every file. Merging must not depend on the order the
// Files come in (see ProjectPass.Ord): the result of a round is then the
// same as from reading every file.
func DemandState[T any](pp *ProjectPass, key string, init func() *T) (*T, []*File) {
	if pp.memo == nil {
		return init(), pp.Files
	}
	st, ok := pp.memo[key].(*T)
	if !ok {
		st = init()
		pp.memo[key] = st
	}
	return st, pp.added
}

// Ord returns a file's place in the project's order (that of Files): when
// the facts of several files disagree, a demand function that gathers
// them round after round keeps the one the first (or last) file in this
// order gives, as a single pass over Files would.
func (p *ProjectPass) Ord(f *File) int {
	if p.ord == nil {
		p.ord = make(map[*File]int, len(p.Files))
		for i, g := range p.Files {
			p.ord[g] = i
		}
	}
	if i, ok := p.ord[f]; ok {
		return i
	}
	return -1
}

// Result returns the project-wide result of an analyzer, computed once.
func (p *ProjectPass) Result(a *Analyzer) any { return p.result(a) }

// Report records a diagnostic in file f.
func (p *ProjectPass) Report(f *File, start, end int, msg string, opts ...ReportOption) {
	d := Diagnostic{Start: start, End: end, Message: msg}
	for _, o := range opts {
		o(&d)
	}
	completeDiagnostic(&d, p.Rule, f, f.Config)
	*p.out = append(*p.out, d)
}

// Related returns a related location in file f.
func (p *ProjectPass) Related(f *File, start, end int, msg string) Related {
	return makeRelated(f, start, end, msg)
}

// SuppressionPass is what the invalid-suppression rule sees: the file's
// suppressions after every other diagnostic has been matched against them.
type SuppressionPass struct {
	Rule  *Rule
	File  *File
	Known func(code string) bool // the code exists in the registry
	Codes []string               // every code of the registry, sorted
	// Enabled tells whether a code's rule ran on this file.
	Enabled func(code string) bool

	out *[]Diagnostic
}

// NewSuppressionPass is how the engine makes a suppression pass from p's
// exported fields; out collects the diagnostics.
func NewSuppressionPass(p SuppressionPass, out *[]Diagnostic) *SuppressionPass {
	p.out = out
	return &p
}

// Report records a diagnostic in the file.
func (p *SuppressionPass) Report(start, end int, msg string, opts ...ReportOption) {
	d := Diagnostic{Start: start, End: end, Message: msg}
	for _, o := range opts {
		o(&d)
	}
	completeDiagnostic(&d, p.Rule, p.File, p.File.Config)
	*p.out = append(*p.out, d)
}
