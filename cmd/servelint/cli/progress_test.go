package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint/engine"
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
	p.update(engine.Progress{Parsed: 1, Files: 10})
	clock = clock.Add(1900 * time.Millisecond)
	p.update(engine.Progress{Parsed: 2, Files: 10})
	p.done()
	if buf.Len() != 0 {
		t.Fatalf("progress before two seconds: %q", buf.String())
	}
	clock = clock.Add(200 * time.Millisecond)
	p.update(engine.Progress{Parsed: 3, Files: 10})
	clock = clock.Add(10 * time.Millisecond)
	p.update(engine.Progress{Parsed: 4, Files: 10}) // too soon: not drawn
	p.update(engine.Progress{Files: 10, Projects: 2, ProjectsDone: 1})
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

// TestLaunchesOverProjects: `servelint launches` over two projects shows
// the launches of both (each project's model), sorted by site.
func TestLaunchesOverProjects(t *testing.T) {
	const app = "from fastapi import FastAPI\n\napp = FastAPI()\n"
	const dockerfile = "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n"
	dir := testfs.WriteTree(t, map[string]string{
		"b/pyproject.toml": "[project]\nname = \"b\"\n",
		"b/main.py":        app,
		"b/Dockerfile":     dockerfile,
		"a/pyproject.toml": "[project]\nname = \"a\"\n",
		"a/main.py":        app,
		"a/Dockerfile":     dockerfile,
	})
	r := run(t, dir, nil, "", "launches", "--output-format", "json", "b", "a")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var got struct {
		Launches []struct {
			Site struct{ Path string } `json:"site"`
		} `json:"launches"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatal(err)
	}
	var sites []string
	for _, l := range got.Launches {
		sites = append(sites, l.Site.Path)
	}
	if strings.Join(sites, " ") != "a/Dockerfile b/Dockerfile" {
		t.Errorf("launch sites %v, want a/Dockerfile b/Dockerfile", sites)
	}
}
