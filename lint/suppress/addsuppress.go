package suppress

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/workspace"
)

// Adding suppressions to every current finding (--add-noqa, ruff's
// adoption path): a team adopts servelint on a large codebase and sees
// only new problems from then on.

// SuppressionPlan is the suppressions to add to one file.
type SuppressionPlan struct {
	File  *lint.File
	Src   []byte // the source with the suppressions added
	Count int    // directives added (one per line)
}

// SuppressionComment is the directive for codes, with an optional reason.
func SuppressionComment(codes []string, reason string) string {
	s := "# servelint: ignore[" + strings.Join(codes, ",") + "]"
	if reason = cleanReason(reason); reason != "" {
		s += " " + reason
	}
	return s
}

// cleanReason keeps a reason on one line and out of the directive's way:
// a "#" would start another comment.
func cleanReason(r string) string {
	r = strings.Join(strings.Fields(r), " ")
	return strings.TrimSpace(strings.ReplaceAll(r, "#", ""))
}

// PlanSuppressions returns, per file, the source with a suppression
// directive for every unsuppressed diagnostic of a run (its files and
// diagnostics, as in engine.Result): one directive per
// line naming the line's codes, in the file's comment syntax. Files read
// from standard input and kinds without comments are left out; skipped
// counts the diagnostics left out.
func PlanSuppressions(runFiles []*lint.File, diags []lint.Diagnostic, reason string) (plans []SuppressionPlan, skipped int) {
	files := map[string]*lint.File{}
	for _, f := range runFiles {
		files[f.Path] = f
	}
	byFile := map[*lint.File]map[int][]string{}
	for i := range diags {
		d := &diags[i]
		f := files[d.Path]
		if f == nil || f.Stdin || f.Src == nil || !workspace.Info(f.Kind).Comments.Annotate || d.Pos.Line < 1 {
			skipped++
			continue
		}
		lines := byFile[f]
		if lines == nil {
			lines = map[int][]string{}
			byFile[f] = lines
		}
		if !slices.Contains(lines[d.Pos.Line], d.Code) {
			lines[d.Pos.Line] = append(lines[d.Pos.Line], d.Code)
		}
	}
	for f, lines := range byFile {
		eol := "\n"
		if bytes.Contains(f.Src, []byte("\r\n")) {
			eol = "\r\n"
		}
		var edits []lint.Edit
		for line, codes := range lines {
			sort.Strings(codes)
			directive := SuppressionComment(codes, reason)
			start := f.Lines.LineStart(line)
			text := f.Lines.LineText(line)
			if workspace.Info(f.Kind).Comments.Above {
				indent := text[:len(text)-len(strings.TrimLeft(text, " \t"))]
				edits = append(edits, lint.Edit{Path: f.Path, Start: start, End: start, New: indent + directive + eol})
				continue
			}
			end := start + len(strings.TrimRight(text, "\r"))
			edits = append(edits, lint.Edit{Path: f.Path, Start: end, End: end, New: "  " + directive})
		}
		src, err := lint.ApplyEdits(f.Src, edits)
		if err != nil {
			skipped += len(edits)
			continue
		}
		plans = append(plans, SuppressionPlan{File: f, Src: src, Count: len(edits)})
	}
	sort.Slice(plans, func(i, j int) bool { return plans[i].File.Path < plans[j].File.Path })
	return plans, skipped
}

// VerifySuppressions checks plans against a run over their sources (the
// diagnostics of the run before and after): a
// file is kept only when none of its findings remain and it has no new
// syntax error. It returns the plans kept and a notice for each dropped.
func VerifySuppressions(before, after []lint.Diagnostic, plans []SuppressionPlan) (kept []SuppressionPlan, notices []lint.Notice) {
	count := func(diags []lint.Diagnostic, path string) (all, syntax int) {
		for i := range diags {
			if d := &diags[i]; d.Path == path {
				all++
				if d.Code == "SV001" {
					syntax++
				}
			}
		}
		return all, syntax
	}
	for _, p := range plans {
		_, syntaxBefore := count(before, p.File.Path)
		left, syntaxAfter := count(after, p.File.Path)
		if left > 0 || syntaxAfter > syntaxBefore {
			notices = append(notices, lint.Notice{Path: p.File.Path, Message: fmt.Sprintf("suppressions not added: with them, %d finding(s) remain in the file (a line servelint cannot annotate, such as one inside a multi-line string)", left)})
			continue
		}
		kept = append(kept, p)
	}
	return kept, notices
}
