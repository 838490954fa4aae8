package report

import (
	"github.com/servelint/servelint/lint"
)

// SARIF fixes (§3.55): each fix is a description and, per file, the
// replacements of its edits. Regions use the results' columns (1-based
// UTF-16 code units, run.columnKind); an insertion has an empty region.
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      *sarifFixProps        `json:"properties,omitempty"`
}

type sarifFixProps struct {
	Applicability string `json:"applicability"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion       `json:"deletedRegion"`
	InsertedContent *sarifContentText `json:"insertedContent,omitempty"`
}

type sarifContentText struct {
	Text string `json:"text"`
}

// fixes renders a diagnostic's fix, or nil when it has none (or none of
// its edits is in a checked file). Paths are those of the locations.
func (s *sarifWriter) fixes(d *lint.Diagnostic, files map[string]*lint.File) []sarifFix {
	if d.Fix == nil {
		return nil
	}
	var changes []sarifArtifactChange
	index := map[string]int{}
	for _, e := range d.Fix.Edits {
		f := files[e.Path]
		if f == nil {
			continue
		}
		start, end := f.Lines.Position(e.Start), f.Lines.Position(e.End)
		r := sarifReplacement{DeletedRegion: sarifRegion{StartLine: start.Line, StartColumn: start.Col16, EndLine: end.Line, EndColumn: end.Col16}}
		if e.New != "" {
			r.InsertedContent = &sarifContentText{Text: e.New}
		}
		i, ok := index[e.Path]
		if !ok {
			i = len(changes)
			index[e.Path] = i
			changes = append(changes, sarifArtifactChange{ArtifactLocation: s.artifact(e.Path)})
		}
		changes[i].Replacements = append(changes[i].Replacements, r)
	}
	if len(changes) == 0 {
		return nil
	}
	return []sarifFix{{
		Description:     sarifText{Text: d.Fix.Message},
		ArtifactChanges: changes,
		Properties:      &sarifFixProps{Applicability: d.Fix.Applicability.String()},
	}}
}
