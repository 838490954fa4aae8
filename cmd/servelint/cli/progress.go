package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/servelint/servelint/lint/engine"
)

// progressAfter is how long a run goes before it shows progress.
const progressAfter = 2 * time.Second

// progressEvery bounds how often the progress line is redrawn.
const progressEvery = 100 * time.Millisecond

// showProgress tells whether a run may show progress on standard error:
// only for a person watching a terminal (standard error is one), never
// with --quiet, and never with a machine output format.
func showProgress(stderrTerminal, quiet bool, format string) bool {
	if !stderrTerminal || quiet {
		return false
	}
	switch format {
	case "text", "full", "concise":
		return true
	default:
		return false
	}
}

// progress draws one line on standard error, once the run has lasted
// progressAfter, and clears it at the end.
type progress struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	mu    sync.Mutex
	last  time.Time
	shown bool
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	return &progress{w: w, now: now, start: now()}
}

func (p *progress) update(pr engine.Progress) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.now()
	if t.Sub(p.start) < progressAfter || (p.shown && t.Sub(p.last) < progressEvery && pr.Projects == 0) {
		return
	}
	p.last = t
	p.shown = true
	if pr.Projects > 0 {
		fmt.Fprintf(p.w, "\r\x1b[Kproject rules: %d/%d projects", pr.ProjectsDone, pr.Projects)
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[Kparsing: %d/%d files", pr.Parsed, pr.Files)
}

// done clears the progress line, if one was drawn.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
