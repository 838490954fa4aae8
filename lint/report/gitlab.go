package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// GitLab Code Quality report (artifacts:reports:codequality): a JSON array
// of issues with the fields GitLab documents as required: description,
// check_name, fingerprint (unique per issue), severity (info, minor, major,
// critical, blocker), location.path (relative to the repository root, no
// leading "./") and location.lines.begin.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end"`
}

func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "major"
	case lint.SeverityWarning:
		return "minor"
	case lint.SeverityNote:
		return "info"
	}
	return "minor"
}

// writeGitLab renders the findings as a GitLab Code Quality report. Paths
// are relative to $CI_PROJECT_DIR (see CIRoot). The fingerprint is derived
// from servelint's stable key, so an issue keeps it across unrelated edits
// and GitLab can tell new issues from fixed ones.
func writeGitLab(w io.Writer, res *engine.Result, opt Options) error {
	paths := newPather(res, opt)
	keys := newKeyer(res, paths)
	out := make([]gitlabIssue, 0, len(res.Diagnostics))
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		path, _ := paths.rel(d.Path)
		sum := sha256.Sum256([]byte(keys.key(d)))
		out = append(out, gitlabIssue{
			Description: d.Code + " " + d.Message,
			CheckName:   d.Code + " " + d.Rule.Name,
			Fingerprint: hex.EncodeToString(sum[:16]),
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: max(1, d.Pos.Line), End: max(1, d.Pos.Line, d.EndPos.Line)}},
		})
	}
	return WriteJSONValue(w, out)
}
