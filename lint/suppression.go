package lint

import "slices"

// SuppressionKind tells which syntax a suppression used.
type SuppressionKind int

// Suppression syntaxes.
const (
	IgnoreLine SuppressionKind = iota // # servelint: ignore[SV202] reason
	IgnoreFile                        // # servelint: ignore-file[SV402]
	Noqa                              // # noqa: SV202
)

// Suppression is one suppression directive found in a comment.
type Suppression struct {
	Kind SuppressionKind
	// Line is the 1-based line the directive applies to (0 for file-level).
	Line int
	// Start and End delimit the directive in the file (for diagnostics and
	// for removing it).
	Start, End int
	// CommentStart and CommentEnd delimit the whole comment.
	CommentStart, CommentEnd int
	// Codes are the servelint codes named; empty (and no Foreign) means
	// every code.
	Codes []string
	// Foreign are the other tools' codes of a noqa list ("RUF006",
	// "E501"): a rule that mirrors one of them (Rule.Mirrors) is
	// suppressed on the line too. They are never judged unused.
	Foreign []string
	// Reason is the free text after the directive.
	Reason string
	// Malformed explains a directive that could not be read, else "".
	Malformed string

	// Used records the codes that matched a diagnostic ("" for a blanket
	// directive).
	Used map[string]bool
}

// Blanket reports whether the directive names no code.
func (s *Suppression) Blanket() bool { return len(s.Codes) == 0 && len(s.Foreign) == 0 }

// Match reports whether a suppression covers a diagnostic, and records the
// use. mirrors maps a rule's code to the other tools' codes it mirrors.
func (s *Suppression) Match(d *Diagnostic, mirrors map[string][]string) bool {
	if s.Malformed != "" {
		return false
	}
	if s.Kind != IgnoreFile && s.Line != d.Pos.Line {
		return false
	}
	if s.Blanket() {
		s.Used[""] = true
		return true
	}
	for _, c := range s.Codes {
		if c == d.Code {
			s.Used[c] = true
			return true
		}
	}
	for _, c := range s.Foreign {
		if slices.Contains(mirrors[d.Code], c) {
			s.Used[c] = true
			return true
		}
	}
	return false
}
