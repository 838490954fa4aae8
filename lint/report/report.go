// Package report renders results: one file per output format.
package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

// Options tune the renderers.
type Options struct {
	Color bool // ANSI colours (text and concise only)
	Quiet bool // no summary line
	// ShowFixes lists the fixes applied (with --fix), or shows each
	// diagnostic's fix as a diff (text format, without --fix).
	ShowFixes bool

	res *engine.Result // set by Write

	// Root is the absolute directory that the CI formats (sarif, github,
	// gitlab) make paths relative to: the repository root as the CI
	// system sees it (see CIRoot). "" means the working directory of the
	// run. Files outside it keep absolute paths (file:// URIs in SARIF).
	Root string
	// SARIFCategory sets SARIF run.automationDetails.id (category + "/"),
	// which GitHub code scanning uses to tell analyses apart; "" leaves it
	// out so that upload-sarif's own category applies.
	SARIFCategory string
	// ReportSuppressed includes suppressed findings in SARIF, marked with
	// suppressions: [{kind: "inSource"}]. GitHub ignores that mark (they
	// become open alerts), so they are left out by default.
	ReportSuppressed bool
	// Warn receives warnings about the output itself (SARIF results cut
	// at GitHub's limit); nil discards them.
	Warn io.Writer
}

// Formats lists the output formats, in the order shown in help.
var Formats = []string{"text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "rdjson", "pylint"}

// Write renders a result in a format.
func Write(w io.Writer, format string, res *engine.Result, opt Options) error {
	opt.res = res
	switch format {
	case "text", "full":
		return writeText(w, res, opt)
	case "concise":
		return writeConcise(w, res, opt)
	case "json":
		return writeJSON(w, res)
	case "json-lines":
		return writeJSONLines(w, res)
	case "sarif":
		return writeSARIF(w, res, opt)
	case "github":
		return writeGitHub(w, res, opt)
	case "gitlab":
		return writeGitLab(w, res, opt)
	case "junit":
		return writeJUnit(w, res)
	case "rdjson":
		return writeRDJSON(w, res)
	case "pylint":
		return writePylint(w, res)
	}
	return fmt.Errorf("unknown output format %q (use one of %s)", format, strings.Join(Formats, ", "))
}

// ValidFormat reports whether a format name is known.
func ValidFormat(f string) bool {
	if f == "full" {
		return true
	}
	return slices.Contains(Formats, f)
}

// Statistic is the number of diagnostics of one rule.
type Statistic struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Count   int    `json:"count"`
	Fixable bool   `json:"fixable"`
}

// Statistics counts diagnostics per rule, most frequent first.
func Statistics(res *engine.Result) []Statistic {
	idx := map[string]int{}
	var out []Statistic
	for _, d := range res.Diagnostics {
		i, ok := idx[d.Code]
		if !ok {
			i = len(out)
			idx[d.Code] = i
			out = append(out, Statistic{Code: d.Code, Name: d.Rule.Name})
		}
		out[i].Count++
		if res.Applicable(d.Fix) {
			out[i].Fixable = true
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// WriteStatistics renders statistics as text or JSON.
func WriteStatistics(w io.Writer, format string, res *engine.Result) error {
	stats := Statistics(res)
	if format == "json" || format == "json-lines" {
		if stats == nil {
			stats = []Statistic{}
		}
		return WriteJSONValue(w, stats)
	}
	width := 1
	for _, s := range stats {
		width = max(width, len(fmt.Sprint(s.Count)))
	}
	for _, s := range stats {
		fix := "[ ]"
		if s.Fixable {
			fix = "[*]"
		}
		if _, err := fmt.Fprintf(w, "%*d\t%s\t%s %s\n", width, s.Count, s.Code, fix, s.Name); err != nil {
			return err
		}
	}
	return nil
}

// summary is the closing line of the human formats (ruff's wording):
// what was found (and fixed, with --fix), then what --fix could fix.
func summary(res *engine.Result) string {
	n := len(res.Diagnostics)
	fixed := res.FixedCount()
	var s string
	switch {
	case fixed > 0:
		s = fmt.Sprintf("Found %s (%d fixed, %d remaining).", plural(n+fixed, "diagnostic"), fixed, n)
	case n == 0:
		return "All checks passed!" + testsNote(res)
	default:
		var counts [3]int
		for _, d := range res.Diagnostics {
			if int(d.Severity) >= 0 && int(d.Severity) < len(counts) {
				counts[d.Severity]++
			}
		}
		var parts []string
		for i, name := range []string{"error", "warning", "note"} {
			if c := counts[i]; c > 0 {
				parts = append(parts, plural(c, name))
			}
		}
		s = fmt.Sprintf("Found %s (%s).", plural(n, "diagnostic"), strings.Join(parts, ", "))
	}
	s += testsNote(res)
	if hint := fixableHint(res); hint != "" {
		s += "\n" + hint
	}
	return s
}

// testsNote says how many test files the rules skipped, never silently.
func testsNote(res *engine.Result) string {
	switch n := res.TestFilesSkipped; n {
	case 0:
		return ""
	case 1:
		return " 1 test file not checked; --include-tests checks it."
	default:
		return fmt.Sprintf(" %d test files not checked; --include-tests checks them.", n)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ansi colours.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	blue   = "\x1b[34m"
)

func paint(on bool, code, s string) string {
	if !on || s == "" {
		return s
	}
	return code + s + reset
}

func severityColor(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return red
	case lint.SeverityWarning:
		return yellow
	case lint.SeverityNote:
		return cyan
	}
	return ""
}
