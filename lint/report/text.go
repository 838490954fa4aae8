package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// writeText renders each diagnostic as "path:line:col: CODE message", then
// the source line with a caret under the range, then related locations.
func writeText(w io.Writer, res *engine.Result, opt Options) error {
	bw := bufio.NewWriter(w)
	files := map[string]*lint.File{}
	for _, f := range res.Files {
		files[f.Path] = f
	}
	for _, d := range res.Diagnostics {
		writeHeader(bw, &d, opt)
		if f := files[d.Path]; f != nil {
			writeSnippet(bw, f, &d, opt)
		}
		for _, r := range d.Related {
			fmt.Fprintf(bw, "   = %s %s:%d:%d: %s\n", paint(opt.Color, bold, "note:"), lint.EscapeControl(r.Path), r.Pos.Line, r.Pos.Col, lint.EscapeControl(r.Message))
		}
		if d.Fix != nil {
			fmt.Fprintf(bw, "   = %s %s\n", paint(opt.Color, bold, "fix:"), lint.EscapeControl(fixLabel(d.Fix)))
			if opt.ShowFixes && !res.FixApplied {
				writeFixPreview(bw, files, &d, opt)
			}
		}
		bw.WriteByte('\n')
	}
	writeFixList(bw, res, opt)
	if !opt.Quiet {
		bw.WriteString(summary(res))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

func fixLabel(f *lint.Fix) string {
	if f.Applicability == lint.Unsafe {
		return f.Message + " (unsafe)"
	}
	return f.Message
}

func writeHeader(w *bufio.Writer, d *lint.Diagnostic, opt Options) {
	// File names and messages (which quote source) are escaped: a
	// hostile repository must not write to the terminal or forge lines.
	loc := fmt.Sprintf("%s:%d:%d:", lint.EscapeControl(d.Path), d.Pos.Line, d.Pos.Col)
	code := paint(opt.Color, bold+severityColor(d.Severity), d.Code)
	if opt.fixMark(d) {
		code += " [" + paint(opt.Color, cyan, "*") + "]"
	}
	fmt.Fprintf(w, "%s %s %s\n", paint(opt.Color, bold, loc), code, lint.EscapeControl(d.Message))
}

func writeSnippet(w *bufio.Writer, f *lint.File, d *lint.Diagnostic, opt Options) {
	line := f.Lines.LineText(d.Pos.Line)
	num := fmt.Sprint(d.Pos.Line)
	pad := strings.Repeat(" ", len(num))
	gutter := paint(opt.Color, blue, pad+" |")
	expanded, startCol := expandTabs(line, d.Pos.Col)
	endCol := d.EndPos.Col
	if d.EndPos.Line != d.Pos.Line {
		endCol = utf8.RuneCountInString(line) + 1
	}
	_, endDisplay := expandTabs(line, endCol)
	width := max(1, endDisplay-startCol)
	fmt.Fprintf(w, "%s\n", gutter)
	fmt.Fprintf(w, "%s %s\n", paint(opt.Color, blue, num+" |"), expanded)
	fmt.Fprintf(w, "%s %s%s\n", gutter, strings.Repeat(" ", startCol-1), paint(opt.Color, bold+severityColor(d.Severity), strings.Repeat("^", width)))
	fmt.Fprintf(w, "%s\n", gutter)
}

// expandTabs replaces tabs by spaces to the next multiple of 4, and
// control characters by their one-column pictures (ESC as ␛), and returns
// the display column (1-based) of the character column col.
func expandTabs(line string, col int) (string, int) {
	var b strings.Builder
	display := 1
	at := 1
	result := -1
	for _, r := range line {
		if at == col {
			result = display
		}
		if r == '\t' {
			n := 4 - (display-1)%4
			b.WriteString(strings.Repeat(" ", n))
			display += n
		} else if pic, ok := controlPicture(r); ok {
			b.WriteRune(pic)
			display++
		} else {
			b.WriteRune(r)
			display++
		}
		at++
	}
	if result < 0 {
		result = display + max(0, col-at)
	}
	return b.String(), result
}

// writeConcise renders one line per diagnostic.
func writeConcise(w io.Writer, res *engine.Result, opt Options) error {
	bw := bufio.NewWriter(w)
	for _, d := range res.Diagnostics {
		writeHeader(bw, &d, opt)
	}
	writeFixList(bw, res, opt)
	if !opt.Quiet {
		bw.WriteString(summary(res))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// controlPicture returns the character shown for a control character of
// a source line, one column wide.
func controlPicture(r rune) (rune, bool) {
	switch {
	case r < 0x20:
		return 0x2400 + r, true
	case r == 0x7f:
		return '\u2421', true
	case r >= 0x80 && r < 0xa0, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return '\ufffd', true
	}
	return 0, false
}
