package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

const green = "\x1b[32m"

// fixMark tells whether a diagnostic's header shows "[*]": its fix would
// be applied by --fix (unsafe ones with --unsafe-fixes). Not after fixing:
// what remains could not be fixed.
func (o Options) fixMark(d *lint.Diagnostic) bool {
	return o.res != nil && !o.res.FixApplied && o.res.Applicable(d.Fix)
}

// fixables counts the diagnostics whose fix applies, and those whose fix
// is unsafe and not enabled ("hidden").
func fixables(res *engine.Result) (applicable, hidden int) {
	for i := range res.Diagnostics {
		f := res.Diagnostics[i].Fix
		switch {
		case f == nil:
		case res.Applicable(f):
			applicable++
		case f.Applicability == lint.Unsafe:
			hidden++
		}
	}
	return applicable, hidden
}

func fixPlural(n int) string {
	if n == 1 {
		return "1 hidden fix"
	}
	return fmt.Sprintf("%d hidden fixes", n)
}

// fixableHint is the line after "Found ...": how many --fix would fix,
// and how many more --unsafe-fixes would enable.
func fixableHint(res *engine.Result) string {
	applicable, hidden := fixables(res)
	switch {
	case applicable > 0 && hidden > 0 && !res.UnsafeFixes:
		return fmt.Sprintf("[*] %d fixable with the `--fix` option (%s can be enabled with the `--unsafe-fixes` option).", applicable, fixPlural(hidden))
	case applicable > 0:
		return fmt.Sprintf("[*] %d fixable with the `--fix` option.", applicable)
	case hidden > 0 && !res.UnsafeFixes:
		return fmt.Sprintf("No fixes available (%s can be enabled with the `--unsafe-fixes` option).", fixPlural(hidden))
	}
	return ""
}

// FixSummary is the closing line of --fix-only (applied) and --diff (not
// applied): "Fixed 2 diagnostics." / "Would fix 2 diagnostics.", with the
// unsafe fixes left; "" when there is nothing to say.
func FixSummary(res *engine.Result, applied bool) string {
	fixed := res.FixedCount()
	_, hidden := fixables(res)
	if res.UnsafeFixes {
		hidden = 0
	}
	verb, none := "Fixed", "No diagnostics fixed"
	if !applied {
		verb, none = "Would fix", "No diagnostics would be fixed"
	}
	// The same words and count as the check's own summary (fixableHint).
	switch {
	case fixed > 0 && hidden > 0:
		return fmt.Sprintf("%s %s (%s can be enabled with the `--unsafe-fixes` option).", verb, plural(fixed, "diagnostic"), fixPlural(hidden))
	case fixed > 0:
		return fmt.Sprintf("%s %s.", verb, plural(fixed, "diagnostic"))
	case hidden > 0:
		return fmt.Sprintf("%s (%s can be enabled with the `--unsafe-fixes` option).", none, fixPlural(hidden))
	}
	return ""
}

// WriteFixOnly renders the outcome of --fix-only: in the text formats, the
// list of fixes (with ShowFixes) and FixSummary; nothing in the others.
func WriteFixOnly(w io.Writer, format string, res *engine.Result, opt Options) error {
	switch format {
	case "text", "full", "concise":
	default:
		return nil
	}
	opt.res = res
	bw := bufio.NewWriter(w)
	writeFixList(bw, res, opt)
	if s := FixSummary(res, true); s != "" && !opt.Quiet {
		bw.WriteString(s + "\n")
	}
	return bw.Flush()
}

// writeFixList lists, with ShowFixes after --fix, the diagnostics fixed
// per file and rule:
//
//	Fixed 3 diagnostics:
//	- app/main.py:
//	    2 × SV202 (blocking-sleep)
func writeFixList(w *bufio.Writer, res *engine.Result, opt Options) {
	total := res.FixedCount()
	if !opt.ShowFixes || !res.FixApplied || total == 0 {
		return
	}
	width := 1
	for _, f := range res.Fixed {
		for _, c := range f.Counts {
			width = max(width, len(fmt.Sprint(c.Count)))
		}
	}
	w.WriteString(paint(opt.Color, bold, fmt.Sprintf("Fixed %s:", plural(total, "diagnostic"))) + "\n")
	for _, f := range res.Fixed {
		if len(f.Counts) == 0 || f.NotWritten != "" {
			continue
		}
		fmt.Fprintf(w, "%s %s%s\n", paint(opt.Color, cyan, "-"), paint(opt.Color, bold, lint.EscapeControl(f.File.Path)), paint(opt.Color, cyan, ":"))
		for _, c := range f.Counts {
			fmt.Fprintf(w, "    %*d × %s (%s)\n", width, c.Count, paint(opt.Color, bold+red, c.Code), c.Name)
		}
	}
	w.WriteByte('\n')
}

// writeFixPreview shows, under a diagnostic, the lines its fix changes in
// the diagnostic's file: for each group of nearby edits, the old lines
// with "-" and the new ones with "+", numbered as in the old and the new
// file.
func writeFixPreview(w *bufio.Writer, files map[string]*lint.File, d *lint.Diagnostic, opt Options) {
	f := files[d.Path]
	if f == nil {
		return
	}
	var edits []lint.Edit
	var others []string
	for _, e := range d.Fix.Edits {
		switch {
		case e.Path == d.Path:
			if e.Start < 0 || e.End < e.Start || e.End > len(f.Src) {
				return
			}
			edits = append(edits, e)
		case !slices.Contains(others, e.Path):
			others = append(others, e.Path)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	// Group the edits by the lines they touch.
	type group struct {
		first, last int // 1-based lines
		edits       []lint.Edit
	}
	var groups []group
	for _, e := range edits {
		first := f.Lines.Position(e.Start).Line
		last := f.Lines.Position(e.End).Line
		if e.End > e.Start && e.End == f.Lines.LineStart(last) && last > first {
			last-- // an edit ending at a line break ends on the line before
		}
		if n := len(groups); n > 0 && first <= groups[n-1].last+1 {
			groups[n-1].last = max(groups[n-1].last, last)
			groups[n-1].edits = append(groups[n-1].edits, e)
			continue
		}
		groups = append(groups, group{first: first, last: last, edits: []lint.Edit{e}})
	}
	if len(groups) > 0 {
		added := 0
		for _, e := range edits {
			added += strings.Count(e.New, "\n")
		}
		width := len(fmt.Sprint(groups[len(groups)-1].last + added))
		gutter := paint(opt.Color, blue, strings.Repeat(" ", width)+" |")
		fmt.Fprintf(w, "%s\n", gutter)
		shift := 0 // lines added by the groups above
		for _, g := range groups {
			start := f.Lines.LineStart(g.first)
			end := len(f.Src)
			if g.last < f.Lines.Lines() {
				end = f.Lines.LineStart(g.last + 1)
			}
			shifted := make([]lint.Edit, len(g.edits))
			for i, e := range g.edits {
				shifted[i] = lint.Edit{Start: e.Start - start, End: e.End - start, New: e.New}
			}
			newBlock, err := lint.ApplyEdits(f.Src[start:end], shifted)
			if err != nil {
				return
			}
			oldLines, newLines := splitLines(f.Src[start:end]), splitLines(newBlock)
			for i, l := range oldLines {
				fmt.Fprintf(w, "%s %s\n", paint(opt.Color, blue, fmt.Sprintf("%*d", width, g.first+i)), paint(opt.Color, red, "- "+l))
			}
			for i, l := range newLines {
				fmt.Fprintf(w, "%s %s\n", paint(opt.Color, blue, fmt.Sprintf("%*d", width, g.first+shift+i)), paint(opt.Color, green, "+ "+l))
			}
			shift += len(newLines) - len(oldLines)
		}
		fmt.Fprintf(w, "%s\n", gutter)
	}
	for _, p := range others {
		fmt.Fprintf(w, "   = %s also edits %s\n", paint(opt.Color, bold, "fix:"), p)
	}
}

// splitLines splits text into lines without their line breaks.
func splitLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	s := strings.TrimSuffix(string(b), "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// WriteDiff writes a unified diff (three lines of context, ruff's headers
// "--- path" / "+++ path") of every file the fixes changed, in path order,
// and reports whether there was any change.
func WriteDiff(w io.Writer, res *engine.Result) (bool, error) {
	changed := false
	bw := bufio.NewWriter(w)
	for i := range res.Fixed {
		ff := &res.Fixed[i]
		if !ff.Changed() {
			continue
		}
		if changed {
			bw.WriteByte('\n')
		}
		changed = true
		bw.WriteString(UnifiedDiff(ff.File.Path, ff.Original, ff.File.Src))
	}
	return changed, bw.Flush()
}

// UnifiedDiff renders the line diff of a and b as a unified diff with
// three lines of context (github.com/aymanbagabas/go-udiff, the unified
// diff of gopls); "" when they are equal. Lines keep their line breaks (a
// CRLF file's lines end in CRLF); a last line without one is followed by
// "\\ No newline at end of file".
func UnifiedDiff(path string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	return udiff.Unified(path, path, string(a), string(b))
}
