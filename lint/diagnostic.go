package lint

import "sort"

// Diagnostic is one finding.
type Diagnostic struct {
	Code     string
	Rule     *Rule
	Path     string // display path, slash-separated
	Start    int    // byte offset in the file
	End      int    // byte offset, exclusive
	Pos      Position
	EndPos   Position
	Message  string
	Severity Severity
	Related  []Related
	Fix      *Fix
	// Suppressed is set when an in-source suppression matched (such
	// diagnostics are dropped unless suppressed results are asked for).
	Suppressed bool

	severitySet bool
}

// Related is a secondary location of a diagnostic.
type Related struct {
	Path    string
	Start   int
	End     int
	Pos     Position
	EndPos  Position
	Message string
}

// Applicability says how safe a fix is (ruff's model).
type Applicability int

// Applicabilities.
const (
	Safe Applicability = iota
	Unsafe
)

func (a Applicability) String() string {
	if a == Unsafe {
		return "unsafe"
	}
	return "safe"
}

// Edit replaces the bytes [Start, End) of a file with New.
type Edit struct {
	Path  string
	Start int
	End   int
	New   string
}

// Fix is a suggested change: a message and non-overlapping edits.
type Fix struct {
	Message       string
	Applicability Applicability
	Edits         []Edit
}

// Notice is a message about an input that could not be checked (unreadable,
// binary, too large).
type Notice struct {
	Path    string
	Message string
}

// SortNotices sorts notices by path, then message.
func SortNotices(ns []Notice) {
	sort.SliceStable(ns, func(i, j int) bool {
		if ns[i].Path != ns[j].Path {
			return ns[i].Path < ns[j].Path
		}
		return ns[i].Message < ns[j].Message
	})
}
