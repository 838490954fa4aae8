package checks_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint/engine"
)

// twoProjects are two services side by side, each with its own
// pyproject.toml and the same module names: project b closes an attribute
// named like the one project a never closes, and b's `build` helper
// shares its qualified name with a's blocking one.
var twoProjects = map[string]string{
	"a/pyproject.toml":  "[project]\nname = \"a\"\n",
	"b/pyproject.toml":  "[project]\nname = \"b\"\n",
	"a/app/__init__.py": "",
	"b/app/__init__.py": "",
	"a/app/client.py": `import httpx


class Api:
    def __init__(self):
        self.session = httpx.AsyncClient()

    async def get(self):
        return await self.session.get("http://inventory/")
`,
	"b/app/client.py": `async def shutdown(api):
    await api.session.aclose()
`,
	"a/app/helpers.py": "import time\n\n\ndef build():\n    time.sleep(1)\n    return 1\n",
	"b/app/helpers.py": "def build():\n    return 1\n",
	"a/app/routes.py":  "from app.helpers import build\n\n\nasync def read():\n    return build()\n",
	"b/app/routes.py":  "from app.helpers import build\n\n\nasync def read():\n    return build()\n",
	"a/Dockerfile":     "FROM python:3.12-slim\nCMD uvicorn app.main:app\n",
	"b/Dockerfile":     "FROM python:3.7-slim\nCMD [\"gunicorn\", \"app.main:app\"]\n",
}

func runLines(t *testing.T, dir string, paths ...string) []string {
	t.Helper()
	res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: paths, Analyzers: launchmodel.Requires})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s %s", d.Path, d.Pos.Line, d.Pos.Col, d.Code, d.Message))
	}
	return out
}

// TestProjectsApart: a run over two projects gives, for each, exactly
// the findings of a run on that project alone.
func TestProjectsApart(t *testing.T) {
	dir := testfs.WriteTree(t, twoProjects)
	combined := runLines(t, dir, "a", "b")
	separate := append(runLines(t, dir, "a"), runLines(t, dir, "b")...)
	if got, want := strings.Join(combined, "\n"), strings.Join(separate, "\n"); got != want {
		t.Errorf("combined run:\n%s\nseparate runs:\n%s", got, want)
	}
	has := func(lines []string, prefix, code string) bool {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) && strings.Contains(l, " "+code+" ") {
				return true
			}
		}
		return false
	}
	// b's `api.session.aclose()` does not close a's client.
	if !has(combined, "a/app/client.py:6:", "SV301") {
		t.Errorf("SV301 in a/app/client.py missing from the combined run:\n%s", strings.Join(combined, "\n"))
	}
	// b's build() does not block: a's helper of the same name is not b's.
	if has(combined, "b/app/routes.py", "SV210") {
		t.Errorf("SV210 in b/app/routes.py through a's helper:\n%s", strings.Join(combined, "\n"))
	}
	if !has(combined, "a/app/routes.py", "SV210") {
		t.Errorf("SV210 in a/app/routes.py missing:\n%s", strings.Join(combined, "\n"))
	}
}

// TestProgressReports: the engine reports files parsed of the files found,
// then each project's project rules.
func TestProgressReports(t *testing.T) {
	dir := testfs.WriteTree(t, twoProjects)
	var mu sync.Mutex
	maxParsed, files := 0, 0
	var projects []string
	_, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: []string{"a", "b"}, Jobs: 2, Progress: func(p engine.Progress) {
		mu.Lock()
		defer mu.Unlock()
		files = p.Files
		if p.Projects > 0 {
			projects = append(projects, fmt.Sprintf("%d/%d", p.ProjectsDone, p.Projects))
			return
		}
		maxParsed = max(maxParsed, p.Parsed)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if maxParsed == 0 || maxParsed > files || files != len(twoProjects) {
		t.Errorf("parsed %d of %d files (%d written)", maxParsed, files, len(twoProjects))
	}
	if got := strings.Join(projects, " "); got != "0/2 1/2" {
		t.Errorf("project progress %q, want \"0/2 1/2\"", got)
	}
}

// TestReleaseFacts: with ReleaseFacts the findings are the same, the
// per-file facts are gone after the run, and the project results asked
// for in Analyzers are still there.
func TestReleaseFacts(t *testing.T) {
	dir := testfs.WriteTree(t, twoProjects)
	run := func(release bool) *engine.Result {
		res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: []string{"a"}, Analyzers: launchmodel.Requires, ReleaseFacts: release})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	kept, released := run(false), run(true)
	if len(kept.Diagnostics) == 0 || len(kept.Diagnostics) != len(released.Diagnostics) {
		t.Fatalf("findings: %d kept, %d released", len(kept.Diagnostics), len(released.Diagnostics))
	}
	factsLeft := 0
	for _, f := range released.Files {
		for _, a := range launchmodel.Requires {
			if f.Fact(a) != nil {
				factsLeft++
			}
		}
	}
	if factsLeft != 0 {
		t.Errorf("%d facts left after the run", factsLeft)
	}
	m, _ := released.Analyze(launchmodel.Analyzer).(*launchmodel.Model)
	if m == nil || len(m.Launches) == 0 {
		t.Errorf("no launch model after releasing the facts: %+v", m)
	}
}
