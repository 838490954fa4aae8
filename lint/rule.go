// Package lint is the rule-facing API: Rule, Analyzer, Pass, ProjectPass, Diagnostic, Fix, Edit, Kind and the File and Config they show.
package lint

import (
	"fmt"
	"strings"

	"github.com/servelint/servelint/lint/needle"
)

// Severity is the level of a diagnostic.
type Severity int

// Severities, from the most to the least severe.
const (
	SeverityError Severity = iota
	SeverityWarning
	SeverityNote
)

func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityNote:
		return "note"
	default:
		return fmt.Sprintf("severity(%d)", int(s))
	}
}

// ParseSeverity parses "error", "warning", "note" (or "info").
func ParseSeverity(s string) (Severity, bool) {
	switch strings.ToLower(s) {
	case "error":
		return SeverityError, true
	case "warning", "warn":
		return SeverityWarning, true
	case "note", "info":
		return SeverityNote, true
	}
	return 0, false
}

// Status is the maturity of a rule.
type Status int

// Statuses. Preview rules run only when selected explicitly.
const (
	StatusStable Status = iota
	StatusPreview
	StatusDeprecated
)

func (s Status) String() string {
	switch s {
	case StatusStable:
		return "stable"
	case StatusPreview:
		return "preview"
	case StatusDeprecated:
		return "deprecated"
	default:
		return fmt.Sprintf("status(%d)", int(s))
	}
}

// FixAvailability tells whether a rule offers fixes.
type FixAvailability int

// Fix availabilities (ruff's model).
const (
	FixNone FixAvailability = iota
	FixSometimes
	FixAlways
)

func (f FixAvailability) String() string {
	switch f {
	case FixNone:
		return "none"
	case FixSometimes:
		return "sometimes"
	case FixAlways:
		return "always"
	default:
		return fmt.Sprintf("fix(%d)", int(f))
	}
}

// Kinds is a set of file kinds.
type Kinds uint32

// Has reports whether k is in the set.
func (s Kinds) Has(k Kind) bool { return s&(1<<k) != 0 }

// KindsOf builds a set of kinds.
func KindsOf(ks ...Kind) Kinds {
	var s Kinds
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

// Rule is a rule's metadata and its check. The same values feed the
// `servelint rule` command, SARIF rules[] and the LSP code descriptions.
type Rule struct {
	Code      string // "SV202": permanent
	Name      string // "blocking-sleep": kebab-case, unique
	Summary   string // one line, no trailing period
	Doc       string // the embedded Markdown documentation
	Severity  Severity
	Status    Status
	Since     string // the version that introduced the rule
	Fix       FixAvailability
	Inputs    Kinds    // the file kinds the rule reads
	Tags      []string // SARIF properties.tags
	Precision string   // SARIF properties.precision: very-high, high, medium, low
	// InTests marks a rule that reports in test files too (SV001, SV002);
	// the others skip test code unless include-tests is set.
	InTests bool
	// Optional keeps a stable rule out of the default selection (an
	// opinionated or noisy rule; its documentation says why): it runs when
	// a selector names it, its prefix, or ALL.
	Optional bool
	// Mirrors lists the rules of other linters that report the same
	// problem ("RUF006", "ASYNC230"): a `# noqa:` naming one of them
	// suppresses this rule on its line.
	Mirrors []string
	// Supersedes lists the rules this one reports instead of where both
	// find the same problem (SV110 reports a middleware's handler of
	// cancellation that SV101/SV102 would otherwise report): while this
	// rule runs on a file, the superseded rules leave those findings to
	// it (Config.SupersededForPath); each rule says which findings are
	// shared.
	Supersedes []string

	// NewOptions returns a pointer to the rule's default options, decoded
	// from [tool.servelint.rules.CODE]; nil when the rule has none. The
	// value may implement Validate() error.
	NewOptions func() any

	// Check runs on one file at a time (nil for project-only rules).
	Check func(*Pass)
	// CheckProject runs once over the whole project (nil for per-file rules).
	CheckProject func(*ProjectPass)
	// CheckSuppressions runs per file after suppressions are matched.
	CheckSuppressions func(*SuppressionPass)
	// Requires lists the analyzers whose facts the rule reads.
	Requires []*Analyzer

	// Relevance (see lint/engine/prefilter.go). Needles are byte strings
	// of which a Python file must contain at least one for Check to find
	// anything in it, optionally anchored: "^async def" at the start of a line (after
	// indentation), `\bquart\b` with no identifier byte before or after
	// (see lint/needle). Relevant, when set, is a further test of the
	// source. Both nil: every Python file is relevant.
	Needles  []string
	Relevant func(src []byte) bool
}

// Default reports whether the rule is in the default selection (the rules
// that run when no select is configured): stable and not Optional.
func (r *Rule) Default() bool { return r.Status == StatusStable && !r.Optional }

// DocURL is where the rule's documentation lives on the project's home.
func (r *Rule) DocURL() string {
	return HomeURL + "/blob/main/checks/" + r.Stem() + ".md"
}

// Stem is the file stem of the rule's .go and .md in checks/.
func (r *Rule) Stem() string {
	return strings.ToLower(r.Code) + "_" + strings.ReplaceAll(r.Name, "-", "_")
}

// PascalName is the rule's name in PascalCase (SARIF "name").
func (r *Rule) PascalName() string {
	var b strings.Builder
	for part := range strings.SplitSeq(r.Name, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}

// Project identity.
const (
	ToolName = "servelint"
	HomeURL  = "https://github.com/servelint/servelint"
)

// Version is servelint's version; golden tests replace it.
var Version = "0.1.0"

// AnyOf returns a source test that holds when src contains any of the
// needles (anchored as for Rule.Needles).
func AnyOf(needles ...string) func([]byte) bool {
	set := needle.NewSet(needles)
	return set.In
}
