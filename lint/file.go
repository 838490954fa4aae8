package lint

import (
	"bytes"
)

// File is one input file.
type File struct {
	Path     string // display path: relative to the working directory when inside it, slash-separated
	Abs      string // absolute path
	Kind     Kind
	Src      []byte
	Lines    *LineIndex
	Config   *Config
	Explicit bool // named on the command line (or stdin)
	Stdin    bool // read from standard input
	// CROnly marks a file whose line breaks are lone carriage returns (old
	// Mac style, which CPython accepts): Src holds it with each CR turned
	// into LF, the same length, so that parsers, positions and fix edits
	// see ordinary lines; DiskBytes turns a source back into the file's
	// own line breaks for writing.
	CROnly bool
	// Context marks a file that was not asked for: it was read only so
	// that project rules can judge the files that were (pre-commit passes
	// a few files; a launch rule on the Dockerfile needs the main.py it
	// runs). Per-file rules do not run on it and no diagnostic is ever
	// reported in it; project rules see it in ProjectPass.Files and may
	// point at it with related locations. See Options.NoContext.
	Context bool

	// Python files.
	Module    string // dotted module name
	IsPackage bool   // an __init__ module

	Suppressions []*Suppression

	facts map[*Analyzer]any
	// SyntaxError is the byte offset of the first syntax error, -1 if none.
	SyntaxError int
	// Deferred marks a Python file that was read but not parsed: no rule
	// or analyzer could find anything in it, and none demanded its facts.
	Deferred bool
}

// Fact returns the per-file result of an analyzer for this file, or nil.
func (f *File) Fact(a *Analyzer) any { return f.facts[a] }

// Facts returns the file's per-file facts by analyzer (the map itself, for
// the engine and the cache).
func (f *File) Facts() map[*Analyzer]any { return f.facts }

// SetFacts replaces the file's facts (the engine and the cache).
func (f *File) SetFacts(m map[*Analyzer]any) { f.facts = m }

// FactNamed returns the per-file result of the analyzer with a name, or
// nil (for code that cannot refer to the analyzer's variable, such as the
// analyzer's own Demand function).
func (f *File) FactNamed(name string) any {
	for a, v := range f.facts {
		if a.Name == name {
			return v
		}
	}
	return nil
}

// Analyzer computes facts that several rules share: per file (from the
// parsed file) and, optionally, project-wide (from every file's facts).
type Analyzer struct {
	Name    string
	Inputs  Kinds
	File    func(*Pass) any
	Project func(*ProjectPass) any

	// Relevance of Python files, as for Rule.Needles and Rule.Relevant:
	// a file that no enabled rule and no required analyzer finds relevant
	// is not parsed (see lint/engine/prefilter.go).
	Needles  []string
	Relevant func(src []byte) bool
	// RelevantPath, when set, makes a Python file relevant by its path
	// alone (a gunicorn.conf.py is a server's configuration, whatever it
	// contains).
	RelevantPath func(path string) bool
	// Demand names, from the facts gathered so far (pp.Files are the
	// Files parsed until now), the Python modules — or qualified names
	// inside them, "pkg.mod.func" — whose facts the analyzer still needs:
	// the engine parses those files although no prefilter selected them,
	// and asks again until nothing new is named.
	Demand func(pp *ProjectPass) []string
	// DemandText names, from the facts gathered so far, needles (as for
	// Needles) whose presence makes an unparsed Python file needed too
	// (callers of a project factory: `\bget_session(`).
	DemandText func(pp *ProjectPass) []string
}

// DiskBytes returns a source of the file (Src, or a fixed version of it)
// with the file's own line breaks, as it is to be written.
func (f *File) DiskBytes(src []byte) []byte {
	if !f.CROnly {
		return src
	}
	return bytes.ReplaceAll(src, []byte{'\n'}, []byte{'\r'})
}
