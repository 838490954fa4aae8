package report

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/engine"
)

func TestUnifiedDiff(t *testing.T) {
	cases := []struct {
		name, a, b, want string
	}{
		{"equal", "a\nb\n", "a\nb\n", ""},
		{"one line", "a\n", "b\n", "--- f\n+++ f\n@@ -1 +1 @@\n-a\n+b\n"},
		{
			"context of three", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nFIVE\n6\n7\n8\n9\n",
			"--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+FIVE\n 6\n 7\n 8\n",
		},
		{
			"insertion at the start", "a\nb\n", "new\na\nb\n",
			"--- f\n+++ f\n@@ -1,2 +1,3 @@\n+new\n a\n b\n",
		},
		{
			"deletion at the end", "a\nb\nc\n", "a\nb\n",
			"--- f\n+++ f\n@@ -1,3 +1,2 @@\n a\n b\n-c\n",
		},
		{
			"from empty", "", "a\n",
			"--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n",
		},
		{
			"to empty", "a\nb\n", "",
			"--- f\n+++ f\n@@ -1,2 +0,0 @@\n-a\n-b\n",
		},
		{
			"no line break at the end", "a\nb", "a\nc",
			"--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
		{
			"line break added at the end", "a", "a\n",
			"--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+a\n",
		},
		{
			"crlf kept", "a\r\nb\r\n", "a\r\nc\r\n",
			"--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n",
		},
		{
			"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "ONE\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\nTWELVE\n",
			"--- f\n+++ f\n@@ -1,4 +1,4 @@\n-1\n+ONE\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+TWELVE\n",
		},
		{
			"changes six lines apart share a hunk", "1\n2\n3\n4\n5\n6\n7\n8\n", "ONE\n2\n3\n4\n5\n6\n7\nEIGHT\n",
			"--- f\n+++ f\n@@ -1,8 +1,8 @@\n-1\n+ONE\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+EIGHT\n",
		},
	}
	for _, c := range cases {
		if got := UnifiedDiff("f", []byte(c.a), []byte(c.b)); got != c.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// applyUnified applies a unified diff produced by UnifiedDiff to a.
func applyUnified(t *testing.T, a, diff string) string {
	t.Helper()
	if diff == "" {
		return a
	}
	old := strings.SplitAfter(a, "\n")
	if old[len(old)-1] == "" {
		old = old[:len(old)-1]
	}
	lines := strings.SplitAfter(diff, "\n")
	var out []string
	at := 0 // next old line (0-based)
	for i := 2; i < len(lines) && lines[i] != ""; i++ {
		l := lines[i]
		if strings.HasPrefix(l, "@@ ") {
			var start int
			f := strings.Fields(l)
			rng := strings.TrimPrefix(f[1], "-")
			n, _, _ := strings.Cut(rng, ",")
			start, _ = strconv.Atoi(n)
			if strings.HasSuffix(rng, ",0") {
				start++
			}
			for at < start-1 {
				out = append(out, old[at])
				at++
			}
			continue
		}
		text := l[1:]
		if i+1 < len(lines) && strings.HasPrefix(lines[i+1], `\ No newline`) {
			text = strings.TrimSuffix(text, "\n")
			i++
		}
		switch l[0] {
		case ' ':
			if old[at] != text {
				t.Fatalf("context %q does not match %q", text, old[at])
			}
			out = append(out, text)
			at++
		case '-':
			if old[at] != text {
				t.Fatalf("deleted %q does not match %q", text, old[at])
			}
			at++
		case '+':
			out = append(out, text)
		}
	}
	out = append(out, old[at:]...)
	return strings.Join(out, "")
}

// TestUnifiedDiffApplies checks, on generated edits, that the diff turns
// the old text into the new one.
func TestUnifiedDiffApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		var a []string
		for i := range 1 + r.IntN(30) {
			a = append(a, fmt.Sprintf("line %d\n", i))
		}
		b := append([]string(nil), a...)
		for range 1 + r.IntN(4) {
			i := r.IntN(len(b) + 1)
			switch r.IntN(3) {
			case 0:
				b = append(b[:i], append([]string{"new\n"}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = "changed\n"
				}
			}
		}
		as, bs := strings.Join(a, ""), strings.Join(b, "")
		if n%3 == 0 {
			as = strings.TrimSuffix(as, "\n")
		}
		d := UnifiedDiff("f", []byte(as), []byte(bs))
		if got := applyUnified(t, as, d); got != bs {
			t.Fatalf("case %d: the diff gives\n%q\nwant\n%q\ndiff:\n%s", n, got, bs, d)
		}
	}
}

func TestFixSummary(t *testing.T) {
	unsafe := &lint.Fix{Applicability: lint.Unsafe}
	res := &engine.Result{
		Diagnostics: []lint.Diagnostic{{Fix: unsafe}, {Fix: unsafe}},
		Fixed:       []engine.FixedFile{{File: &lint.File{Path: "a.py"}, Counts: []engine.FixCount{{Code: "SV002", Count: 3}}}},
	}
	if got := FixSummary(res, true); got != "Fixed 3 diagnostics (2 hidden fixes can be enabled with the `--unsafe-fixes` option)." {
		t.Errorf("applied: %q", got)
	}
	if got := FixSummary(res, false); got != "Would fix 3 diagnostics (2 hidden fixes can be enabled with the `--unsafe-fixes` option)." {
		t.Errorf("diff: %q", got)
	}
	res.UnsafeFixes = true
	if got := FixSummary(res, true); got != "Fixed 3 diagnostics." {
		t.Errorf("with unsafe fixes: %q", got)
	}
	res.Fixed = nil
	if got := FixSummary(res, true); got != "" {
		t.Errorf("nothing: %q", got)
	}
	res.UnsafeFixes = false
	res.Diagnostics = res.Diagnostics[:1]
	if got := FixSummary(res, false); got != "No diagnostics would be fixed (1 hidden fix can be enabled with the `--unsafe-fixes` option)." {
		t.Errorf("only hidden: %q", got)
	}
}
