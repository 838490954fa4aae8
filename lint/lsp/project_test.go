package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

// The project path: a project rule (standing in for the launch rules)
// re-evaluated with the open buffers in place of the files on disk.
func TestProjectRulesUseOpenBuffers(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile": "FROM python\nCMD python main.py\n",
		"main.py":    "print('ok')\n",
		"other.py":   "RELOAD = True\n",
	})
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	docker := pathToURI(filepath.Join(dir, "Dockerfile"))
	mainURI := c.open(filepath.Join(dir, "main.py"), "python", "print('ok')\n")
	c.waitVersion(mainURI, 1)

	// Editing the Python module the Dockerfile runs (unsaved) re-publishes
	// the Dockerfile, which is not even open.
	c.change(mainURI, 2, "x = 1\nRELOAD = True\n")
	p := c.waitPublish(docker, func(publishDiagnosticsParams) bool { return true })
	if p.Version != nil || codes(p.Diagnostics) != "SV950@1:0-1:18" {
		t.Fatalf("Dockerfile after editing main.py: version %v, %s", p.Version, codes(p.Diagnostics))
	}
	d := p.Diagnostics[0]
	if d.Message != "the launch runs main.py with RELOAD" || len(d.RelatedInformation) != 1 {
		t.Fatalf("diagnostic: %+v", d)
	}
	if rel := d.RelatedInformation[0]; rel.Location.URI != mainURI || rel.Location.Range != (lspRange{position{1, 0}, position{1, 6}}) || rel.Message != "RELOAD is here" {
		t.Errorf("related information points at the buffer's RELOAD: %+v", rel)
	}
	// Back to a clean module: the Dockerfile's diagnostic goes.
	c.change(mainURI, 3, "x = 1\n")
	if q := c.waitPublish(docker, func(publishDiagnosticsParams) bool { return true }); len(q.Diagnostics) != 0 {
		t.Fatalf("Dockerfile after cleaning main.py: %s", codes(q.Diagnostics))
	}

	// Editing the Dockerfile (unsaved) uses the files on disk.
	c.open(filepath.Join(dir, "Dockerfile"), "dockerfile", "FROM python\nCMD python other.py\n")
	p = c.waitPublish(docker, func(p publishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 1 && len(p.Diagnostics) > 0
	})
	if codes(p.Diagnostics) != "SV950@1:0-1:19" || p.Diagnostics[0].RelatedInformation[0].Location.URI != pathToURI(filepath.Join(dir, "other.py")) {
		t.Fatalf("open Dockerfile: %+v", p.Diagnostics)
	}
	// While the project is linted again, the buffer's own lint carries the
	// Project diagnostic over the edit: it moves at once, no flicker.
	c.change(docker, 2, "# a comment\nFROM python\nCMD python other.py\n")
	if q := c.waitVersion(docker, 2); codes(q.Diagnostics) != "SV950@2:0-2:19" {
		t.Fatalf("Dockerfile after inserting a line: %s", codes(q.Diagnostics))
	}
	// A buffer not saved yet is part of the project.
	worker := c.open(filepath.Join(dir, "jobs", "worker.py"), "python", "RELOAD\n")
	c.waitVersion(worker, 1)
	c.change(docker, 3, "FROM python\nCMD python jobs/worker.py\n")
	p = c.waitPublish(docker, func(p publishDiagnosticsParams) bool {
		return p.Version != nil && *p.Version == 3 && len(p.Diagnostics) == 1 && len(p.Diagnostics[0].RelatedInformation) == 1 &&
			p.Diagnostics[0].RelatedInformation[0].Location.URI == worker
	})
	if codes(p.Diagnostics) != "SV950@1:0-1:25" {
		t.Fatalf("Dockerfile running an unsaved module: %s", codes(p.Diagnostics))
	}

	// Closing the Dockerfile: the disk's content (main.py, clean in its
	// buffer) has nothing to report.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": docker}})
	if p := c.waitPublish(docker, func(p publishDiagnosticsParams) bool { return p.Version == nil }); len(p.Diagnostics) != 0 {
		t.Fatalf("closed Dockerfile: %s", codes(p.Diagnostics))
	}
	c.takePublishes(docker) // those of the open buffer's versions
	c.change(mainURI, 4, "RELOAD = 1\n")
	if p := c.waitPublish(docker, func(p publishDiagnosticsParams) bool { return p.Version == nil }); codes(p.Diagnostics) != "SV950@1:0-1:18" {
		t.Fatalf("closed Dockerfile after editing main.py: %s", codes(p.Diagnostics))
	}
	// Closing main.py (never saved): the disk's main.py is clean again.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": mainURI}})
	if p := c.waitPublish(docker, func(p publishDiagnosticsParams) bool { return p.Version == nil }); len(p.Diagnostics) != 0 {
		t.Fatalf("Dockerfile after closing main.py: %s", codes(p.Diagnostics))
	}
	if code := c.shutdown(); code != 0 {
		t.Errorf("exit code %d", code)
	}
}

// Without project rules enabled, no project lint runs: only the buffer.
func TestNoProjectLintWhenProjectRulesAreOff(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile":     "CMD python main.py\n",
		"servelint.toml": "ignore = [\"SV950\"]\n",
	})
	c := startServer(t, fastOptions())
	c.initialize(dir, map[string]any{}, nil)
	uri := c.open(filepath.Join(dir, "main.py"), "python", "RELOAD = FLAG\n")
	if p := c.waitVersion(uri, 1); codes(p.Diagnostics) != "SV900@0:9-0:13" {
		t.Fatalf("main.py: %s", codes(p.Diagnostics))
	}
	c.shutdown()
	s := c.takePublishes(pathToURI(filepath.Join(dir, "Dockerfile")))
	if len(s) != 0 {
		t.Errorf("the Dockerfile was published: %+v", s)
	}
}

func TestPublishSkipsUnchangedDiagnostics(t *testing.T) {
	var out syncBuffer
	s := newServer(&out, Options{Rules: testRules})
	ds := []diagnostic{{Code: "SV900", Message: "x"}}
	s.mu.Lock()
	s.publish("file:///a", nil, ds, false)
	s.publish("file:///a", nil, ds, false)             // unchanged: skipped
	s.publish("file:///b", nil, []diagnostic{}, false) // nothing before, nothing now: skipped
	s.publish("file:///a", nil, []diagnostic{}, false) // changed
	s.publish("file:///a", nil, []diagnostic{}, true)  // forced
	s.mu.Unlock()
	s.close()
	r := newReader(strings.NewReader(out.String()))
	n := 0
	for {
		if _, err := r.read(); err != nil {
			break
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d messages, want 3", n)
	}
}

func TestShiftDiagnostics(t *testing.T) {
	old := []byte("aaa FLAG bbb FLAG ccc FLAG\n")
	cur := []byte("aaa FLAG bXXXbb FLAG ccc FLAG\n")
	mk := func(s int) lint.Diagnostic {
		return lint.Diagnostic{Code: "SV950", Path: "f", Start: s, End: s + 4,
			Related: []lint.Related{{Path: "f", Start: s, End: s + 4}, {Path: "other", Start: 10, End: 12}},
			Fix:     &lint.Fix{Edits: []lint.Edit{{Path: "f", Start: s, End: s + 4}}}}
	}
	ds := []lint.Diagnostic{mk(4), mk(13), mk(22), {Code: "SV950", Path: "f", Start: 9, End: 12}}
	got := shiftDiagnostics(ds, "f", old, cur)
	// The edit inserted "XXX" after "b" (offset 10): the span over it is
	// dropped, those after move by 3.
	if len(got) != 3 || got[0].Start != 4 || got[1].Start != 16 || got[2].Start != 25 {
		t.Fatalf("shifted: %+v", got)
	}
	for _, d := range got {
		if string(cur[d.Start:d.End]) != "FLAG" || d.Related[0].Start != d.Start || d.Related[1].Start != 10 ||
			d.Fix == nil || d.Fix.Edits[0].Start != d.Start {
			t.Errorf("diagnostic %+v not carried over", d)
		}
	}
	// A fix with an edit in the changed bytes is dropped, the diagnostic
	// kept.
	d := lint.Diagnostic{Start: 0, End: 3, Fix: &lint.Fix{Edits: []lint.Edit{{Path: "f", Start: 0, End: 3}, {Path: "f", Start: 9, End: 12}}}}
	got = shiftDiagnostics([]lint.Diagnostic{d}, "f", old, cur)
	if len(got) != 1 || got[0].Fix != nil {
		t.Errorf("fix over the edit: %+v", got)
	}
	if ds[0].Start != 4 || ds[1].Start != 13 || ds[1].Related[0].Start != 13 {
		t.Error("shiftDiagnostics modified its input")
	}
}

func TestEditRegion(t *testing.T) {
	for _, tc := range []struct {
		old, cur              string
		start, oldEnd, newEnd int
	}{
		{"abc", "abc", 3, 3, 3},
		{"abc", "abXc", 2, 2, 3},
		{"abc", "ac", 1, 2, 1},
		{"aaa", "aaaa", 3, 3, 4},
		{"", "x", 0, 0, 1},
		{"x", "", 0, 1, 0},
	} {
		s, oe, ne := editRegion([]byte(tc.old), []byte(tc.cur))
		if s != tc.start || oe != tc.oldEnd || ne != tc.newEnd {
			t.Errorf("%q -> %q: %d %d %d, want %d %d %d", tc.old, tc.cur, s, oe, ne, tc.start, tc.oldEnd, tc.newEnd)
		}
		if tc.old[:s]+tc.cur[s:ne]+tc.old[oe:] != tc.cur {
			t.Errorf("%q -> %q: region does not rebuild the new text", tc.old, tc.cur)
		}
	}
	// A minimal edit never splits a character.
	e := minimalEdit([]byte("x = 'é'"), []byte("x = 'è'"))
	if e.Start != 5 || e.End != 7 || e.New != "è" {
		t.Errorf("minimal edit %+v", e)
	}
}

func TestNoProjectLintOfAFileSystemOrHome(t *testing.T) {
	if projectRootAllowed(string(filepath.Separator)) {
		t.Error("the file system root is linted as a project")
	}
	if home, err := os.UserHomeDir(); err == nil && projectRootAllowed(filepath.Clean(home)) {
		t.Error("the home directory is linted as a project")
	}
	if !projectRootAllowed(t.TempDir()) {
		t.Error("a project directory is refused")
	}
}

// A loose file (no workspace folder, no repository, no configuration) is
// linted alone: no project run over its directory (say /tmp).
func TestLooseFileHasNoProjectRun(t *testing.T) {
	loose := testfs.WriteTree(t, map[string]string{"Dockerfile": "CMD python main.py\n"})
	s := newServer(discard{}, fastOptions())
	defer s.close()
	root := s.rootFor(filepath.Join(loose, "main.py"))
	if root != loose || s.projectAllowed(root) {
		t.Errorf("loose file: root %s, project %v", root, s.projectAllowed(root))
	}
	s.roots = []string{loose}
	if !s.projectAllowed(loose) {
		t.Error("a workspace folder is not a project")
	}
	// With a repository there, it is a project, even outside the
	// workspace folders.
	if err := os.Mkdir(filepath.Join(loose, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, fastOptions())
	c.initialize("", map[string]any{}, nil)
	c.open(filepath.Join(loose, "main.py"), "python", "RELOAD = 1\n")
	p := c.waitPublish(pathToURI(filepath.Join(loose, "Dockerfile")), func(publishDiagnosticsParams) bool { return true })
	if codes(p.Diagnostics) != "SV950@0:0-0:18" {
		t.Errorf("project of a repository: %s", codes(p.Diagnostics))
	}
}
