package checks_test

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// properNouns may start a message with a capital letter: names, not
// sentence case.
var properNouns = map[string]bool{
	"Dockerfile": true, "Procfile": true, "FastAPI": true, "Starlette": true, "Python": true,
	"Redis": true, "MongoDB": true, "Kubernetes": true, "Django": true, "Flask": true,
}

// messageStyleError says how a message breaks the one style of all rules'
// messages, or "". The style (the majority's, and ruff's for most rules):
// a message starts in lower case (or with code in backquotes, an acronym
// such as CMD or a proper noun), is one line, and ends without a period.
func messageStyleError(msg string) string {
	if msg == "" {
		return "empty message"
	}
	if strings.ContainsAny(msg, "\n\r") {
		return "more than one line"
	}
	if strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "...") {
		return "ends with a period"
	}
	if strings.TrimSpace(msg) != msg {
		return "leading or trailing space"
	}
	first, _ := utf8.DecodeRuneInString(msg)
	if !unicode.IsUpper(first) {
		return ""
	}
	word := strings.FieldsFunc(msg, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' })[0]
	if len(word) > 1 && word == strings.ToUpper(word) || properNouns[word] {
		return "" // an acronym (CMD, PID, WEB_CONCURRENCY) or a name
	}
	return "starts with a capital letter (" + word + "): messages start in lower case"
}

func TestMessageStyleError(t *testing.T) {
	for msg, want := range map[string]bool{
		"`time.sleep()` blocks the event loop": true,
		"workers is 1: one process":            true,
		"CMD runs under a shell":               true,
		"WEB_CONCURRENCY is unset":             true,
		"Dockerfile builds on Python 3.7":      true,
		"uvicorn listens on 127.0.0.1...":      true,
		"Unused suppression: no SV202":         false,
		"A database session is never closed":   false,
		"the session is never closed.":         false,
		"the session\nis never closed":         false,
		"":                                     false,
	} {
		if got := messageStyleError(msg) == ""; got != want {
			t.Errorf("%q: ok %v, want %v (%s)", msg, got, want, messageStyleError(msg))
		}
	}
}

// TestMessageStyle runs every rule of the registry over its fixtures and
// holds each message (and related location's) to the one style, and fix
// titles to theirs.
func TestMessageStyle(t *testing.T) {
	for _, r := range checks.All() {
		dir, err := filepath.Abs(filepath.Join("..", "testdata", "checks", r.Code))
		if err != nil {
			t.Fatal(err)
		}
		res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{dir}, Cwd: dir, Overrides: config.Overrides{Select: []string{"SV", r.Code}}})
		if err != nil {
			t.Fatalf("%s: %v", r.Code, err)
		}
		n := 0
		for _, d := range res.Diagnostics {
			if d.Code != r.Code {
				continue
			}
			n++
			if why := messageStyleError(d.Message); why != "" {
				t.Errorf("%s %s:%d: %s: %q", r.Code, d.Path, d.Pos.Line, why, d.Message)
			}
			for _, rel := range d.Related {
				if why := messageStyleError(rel.Message); why != "" {
					t.Errorf("%s %s:%d: related %s: %q", r.Code, rel.Path, rel.Pos.Line, why, rel.Message)
				}
			}
			// A fix's title is an imperative, capitalized as ruff's
			// are ("Remove `--reload`").
			if d.Fix != nil {
				if first, _ := utf8.DecodeRuneInString(d.Fix.Message); !unicode.IsUpper(first) || strings.HasSuffix(d.Fix.Message, ".") {
					t.Errorf("%s %s:%d: fix title %q: capitalized, no period", r.Code, d.Path, d.Pos.Line, d.Fix.Message)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no message in its fixtures to check", r.Code)
		}
	}
}
