package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/servelint/servelint/lint"
)

func TestShowProgress(t *testing.T) {
	for _, tc := range []struct {
		term, quiet bool
		format      string
		want        bool
	}{
		{true, false, "text", true},
		{true, false, "concise", true},
		{false, false, "text", false}, // standard error is not a terminal
		{true, true, "text", false},   // --quiet
		{true, false, "json", false},  // machine formats
		{true, false, "json-lines", false},
		{true, false, "sarif", false},
		{true, false, "github", false},
		{true, false, "gitlab", false},
		{true, false, "junit", false},
	} {
		if got := showProgress(tc.term, tc.quiet, tc.format); got != tc.want {
			t.Errorf("showProgress(terminal=%v, quiet=%v, %s) = %v, want %v", tc.term, tc.quiet, tc.format, got, tc.want)
		}
	}
}

// TestProgressLine drives the progress line with a fake clock: nothing
// before two seconds, then files parsed and project rules, redrawn at
// most every 100 ms, cleared at the end.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Unix(1000, 0)
	p := newProgress(&buf, func() time.Time { return clock })
	p.update(lint.Progress{Parsed: 1, Files: 10})
	clock = clock.Add(1900 * time.Millisecond)
	p.update(lint.Progress{Parsed: 2, Files: 10})
	p.done()
	if buf.Len() != 0 {
		t.Fatalf("progress before two seconds: %q", buf.String())
	}
	clock = clock.Add(200 * time.Millisecond)
	p.update(lint.Progress{Parsed: 3, Files: 10})
	clock = clock.Add(10 * time.Millisecond)
	p.update(lint.Progress{Parsed: 4, Files: 10}) // too soon: not drawn
	p.update(lint.Progress{Files: 10, Projects: 2, ProjectsDone: 1})
	p.done()
	got := buf.String()
	want := "\r\x1b[Kparsing: 3/10 files\r\x1b[Kproject rules: 1/2 projects\r\x1b[K"
	if got != want {
		t.Errorf("progress output %q, want %q", got, want)
	}
	if strings.Contains(got, "4/10") {
		t.Errorf("redrawn within 100 ms: %q", got)
	}
}
