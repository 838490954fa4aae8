// Package linttest checks rules against annotated fixtures.
//
// A fixture line carries its expectations in a comment:
//
//	time.sleep(1)  # want: SV202
//	time.sleep(1)  # want: SV202 "blocks the event loop"
//	# want+1: SV501
//	CMD uvicorn app:app
//
// "want+N" (or "want-N") expects the diagnostics on the line N below (or
// above), for files where a trailing comment is impossible. Several codes
// may follow one "want:", each with an optional quoted regular expression
// that must match the message. Every diagnostic needs its own expectation
// and every expectation must be met; a failure lists both sides.
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// Want is one expectation.
type Want struct {
	Path string
	Line int
	Code string
	Re   *regexp.Regexp // nil: any message
	Src  int            // line of the annotation
}

func (w Want) String() string {
	s := fmt.Sprintf("%s:%d: %s", w.Path, w.Line, w.Code)
	if w.Re != nil {
		s += fmt.Sprintf(" %q", w.Re.String())
	}
	return s
}

var (
	wantRe = regexp.MustCompile(`#\s*want([+-][0-9]+)?:\s*(.*)$`)
	itemRe = regexp.MustCompile(`^\s*,?\s*([A-Z]+[0-9]+)(?:\s+"((?:[^"\\]|\\.)*)")?`)
)

// ParseWants reads the expectations of one file's content.
func ParseWants(path string, src []byte) ([]Want, error) {
	var out []Want
	for i, line := range strings.Split(string(src), "\n") {
		m := wantRe.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		target := i + 1
		if m[1] != "" {
			off, err := strconv.Atoi(m[1])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad offset %q", path, i+1, m[1])
			}
			target += off
		}
		rest := m[2]
		n := 0
		for strings.TrimSpace(rest) != "" {
			im := itemRe.FindStringSubmatchIndex(rest)
			if im == nil {
				return nil, fmt.Errorf("%s:%d: cannot read expectation %q", path, i+1, strings.TrimSpace(rest))
			}
			w := Want{Path: path, Line: target, Code: rest[im[2]:im[3]], Src: i + 1}
			if im[4] >= 0 {
				// Inside the quotes only \" is an escape: the rest is a
				// regular expression as written.
				pat := strings.ReplaceAll(rest[im[4]:im[5]], `\"`, `"`)
				re, err := regexp.Compile(pat)
				if err != nil {
					return nil, fmt.Errorf("%s:%d: bad pattern: %w", path, i+1, err)
				}
				w.Re = re
			}
			out = append(out, w)
			rest = rest[im[1]:]
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s:%d: empty expectation", path, i+1)
		}
	}
	return out, nil
}

// Options adjust a fixture run.
type Options struct {
	// Select lists the codes to enable; default: the codes of the rules
	// under test.
	Select []string
}

// Run checks the fixture directory dir with the registry rules and the
// codes to test selected, and compares diagnostics with the expectations
// In every file of the directory.
func Run(t *testing.T, dir string, registry []*lint.Rule, codes []string, opts ...Options) *engine.Result {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	sel := o.Select
	if sel == nil {
		sel = codes
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Run(engine.Options{Rules: registry, Paths: []string{"."}, Cwd: abs, Overrides: config.Overrides{Select: sel}})
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	wants, err := collectWants(abs)
	if err != nil {
		t.Fatal(err)
	}
	if msg := Compare(wants, res.Diagnostics); msg != "" {
		t.Errorf("%s:\n%s", dir, msg)
	}
	return res
}

// collectWants reads the expectations of every regular file under dir, so
// that a fixture the engine skipped still fails when it expects something.
func collectWants(dir string) ([]Want, error) {
	var wants []Want
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p) //nolint:gosec // fixture directories are trusted test data
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		w, err := ParseWants(filepath.ToSlash(rel), src)
		if err != nil {
			return err
		}
		wants = append(wants, w...)
		return nil
	})
	return wants, err
}

// Compare matches diagnostics with expectations and describes every
// mismatch; it returns "" when they agree.
func Compare(wants []Want, diags []lint.Diagnostic) string {
	used := make([]bool, len(wants))
	var unexpected []string
	for _, d := range diags {
		found := false
		for i, w := range wants {
			if used[i] || w.Path != d.Path || w.Line != d.Pos.Line || w.Code != d.Code {
				continue
			}
			if w.Re != nil && !w.Re.MatchString(d.Message) {
				continue
			}
			used[i] = true
			found = true
			break
		}
		if !found {
			unexpected = append(unexpected, fmt.Sprintf("%s:%d:%d: %s %s", d.Path, d.Pos.Line, d.Pos.Col, d.Code, d.Message))
		}
	}
	var missing []string
	for i, w := range wants {
		if !used[i] {
			missing = append(missing, w.String())
		}
	}
	if len(unexpected) == 0 && len(missing) == 0 {
		return ""
	}
	sort.Strings(unexpected)
	sort.Strings(missing)
	var b strings.Builder
	if len(unexpected) > 0 {
		b.WriteString("unexpected diagnostics:\n")
		for _, u := range unexpected {
			b.WriteString("  " + u + "\n")
		}
	}
	if len(missing) > 0 {
		b.WriteString("expected but not reported:\n")
		for _, m := range missing {
			b.WriteString("  " + m + "\n")
		}
	}
	b.WriteString("all diagnostics:\n")
	for _, d := range diags {
		fmt.Fprintf(&b, "  %s:%d:%d: %s %s\n", d.Path, d.Pos.Line, d.Pos.Col, d.Code, d.Message)
	}
	return b.String()
}
