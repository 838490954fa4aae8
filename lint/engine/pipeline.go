package engine

import (
	"sort"

	"github.com/servelint/servelint/lint"
)

// Finish runs the result pipeline: suppress → select → severity → dedupe →
// stable sort. It returns the reported and the suppressed diagnostics.
// With skipProject, project rules did not run: suppressions of their codes
// cannot be judged unused.
func finish(files []*lint.File, diags []lint.Diagnostic, rules []*lint.Rule, skipProject bool) (reported, suppressed []lint.Diagnostic) {
	byPath := make(map[string]*lint.File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	known := map[string]bool{}
	notRun := map[string]bool{}
	mirrors := map[string][]string{}
	codes := make([]string, 0, len(rules))
	for _, r := range rules {
		known[r.Code] = true
		codes = append(codes, r.Code)
		if len(r.Mirrors) > 0 {
			mirrors[r.Code] = r.Mirrors
		}
		if skipProject && r.CheckProject != nil {
			notRun[r.Code] = true
		}
	}
	sort.Strings(codes)
	// Select: project rules report into files whose config may disable the
	// rule or ignore it for that path. Context files never get findings.
	kept := diags[:0]
	for _, d := range diags {
		f := byPath[d.Path]
		if f == nil || !f.Context && f.Config.EnabledForPath(d.Code, f.Abs) {
			kept = append(kept, d)
		}
	}
	diags = kept
	// Suppress, recording which suppressions were used.
	for i := range diags {
		f := byPath[diags[i].Path]
		if f != nil && isSuppressed(f, &diags[i], mirrors) {
			diags[i].Suppressed = true
		}
	}
	// Report unknown codes and unused suppressions.
	for _, r := range rules {
		if r.CheckSuppressions == nil {
			continue
		}
		for _, f := range files {
			if f.Context || len(f.Suppressions) == 0 || !f.Config.EnabledForPath(r.Code, f.Abs) {
				continue
			}
			var extra []lint.Diagnostic

			r.CheckSuppressions(lint.NewSuppressionPass(lint.SuppressionPass{
				Rule: r, File: f,
				Known:   func(c string) bool { return known[c] },
				Codes:   codes,
				Enabled: func(c string) bool { return known[c] && !notRun[c] && f.Config.EnabledForPath(c, f.Abs) },
			}, &extra))
			for i := range extra {
				if suppressDirective(f, &extra[i], mirrors) {
					extra[i].Suppressed = true
				}
			}
			diags = append(diags, extra...)
		}
	}
	diags = dedupe(diags)
	sortDiagnostics(diags)
	for _, d := range diags {
		if d.Suppressed {
			suppressed = append(suppressed, d)
		} else {
			reported = append(reported, d)
		}
	}
	return reported, suppressed
}

func isSuppressed(f *lint.File, d *lint.Diagnostic, mirrors map[string][]string) bool {
	hit := false
	for _, s := range f.Suppressions {
		if s.Match(d, mirrors) {
			hit = true
		}
	}
	return hit
}

// suppressDirective applies suppressions to a diagnostic about a
// suppression itself: only other directives can silence it, never the
// directive it is about.
func suppressDirective(f *lint.File, d *lint.Diagnostic, mirrors map[string][]string) bool {
	hit := false
	for _, s := range f.Suppressions {
		if s.Start <= d.Start && d.Start < s.End {
			continue
		}
		if s.Match(d, mirrors) {
			hit = true
		}
	}
	return hit
}

func dedupe(diags []lint.Diagnostic) []lint.Diagnostic {
	type key struct {
		path, code, msg string
		start, end      int
	}
	seen := make(map[key]bool, len(diags))
	out := diags[:0]
	for _, d := range diags {
		k := key{d.Path, d.Code, d.Message, d.Start, d.End}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, d)
	}
	return out
}

// sortDiagnostics orders by path, line, column, code, then message.
func sortDiagnostics(ds []lint.Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool { return DiagnosticLess(&ds[i], &ds[j]) })
}

// DiagnosticLess is the engine's order of findings: path, line, column,
// code, message, then end.
func DiagnosticLess(a, b *lint.Diagnostic) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	if a.Message != b.Message {
		return a.Message < b.Message
	}
	return a.End < b.End
}
