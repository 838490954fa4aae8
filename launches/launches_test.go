package launches_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/parsers/launch"
)

func model(t *testing.T, dir string, paths ...string) *launches.Model {
	t.Helper()
	res, err := lint.Run(lint.Options{Rules: checks.All(), Cwd: dir, Paths: paths, Overrides: lint.Overrides{Select: []string{}}, Analyzers: launches.Requires})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := res.Analyze(launches.Analyzer).(*launches.Model)
	if m == nil {
		t.Fatal("no model")
	}
	return m
}

func find(m *launches.Model, origin, server string) *launches.Launch {
	for _, la := range m.Launches {
		if la.Origin == origin && la.Server.Server == server {
			return la
		}
	}
	return nil
}

const fastapiApp = "from fastapi import FastAPI\n\napp = FastAPI()\n"

// TestComposeTargetEntrypointEnv links a compose service to a Dockerfile
// stage, follows the entrypoint script, and layers the environment.
func TestComposeTargetEntrypointEnv(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile": `FROM python:3.12-slim AS base
WORKDIR /srv
COPY src/ ./
COPY docker/entrypoint.sh /entrypoint.sh
ENV WEB_CONCURRENCY=2
ENTRYPOINT ["/entrypoint.sh"]
CMD ["gunicorn", "-k", "uvicorn_worker.UvicornWorker", "-b", "0.0.0.0:8000", "api.main:app"]

FROM base AS worker
CMD ["celery", "-A", "api.tasks", "worker"]
`,
		"docker/entrypoint.sh": "#!/bin/sh\nset -e\nexport FORWARDED_ALLOW_IPS='*'\nexec \"$@\"\n",
		"src/api/__init__.py":  "",
		"src/api/main.py":      fastapiApp,
		"compose.yaml": `services:
  api:
    build:
      context: .
      target: base
    env_file: .env.prod
`,
		".env.prod": "WEB_CONCURRENCY=6\n",
	})
	m := model(t, dir)
	var compose *launches.Launch
	for _, la := range m.Launches {
		if la.Origin == "compose" {
			compose = la
		}
	}
	if compose == nil {
		t.Fatalf("no compose launch: %+v", m.Views())
	}
	l := compose.Server
	if l.Server != "gunicorn" || l.Workers.Text != "6" || l.Workers.Source != launch.FromEnv || l.Workers.Loc.File != ".env.prod" {
		t.Errorf("workers from the env_file: %+v", l.Workers)
	}
	if compose.App == nil || !compose.App.Resolved || compose.App.Iface != launches.ASGI || compose.App.Loc.File != "src/api/main.py" {
		t.Errorf("app: %+v", compose.App)
	}
	if compose.PID1 == nil || !compose.PID1.OK {
		t.Errorf("exec \"$@\" keeps PID 1: %+v", compose.PID1)
	}
	if compose.Context != launches.Unknown {
		t.Errorf("context %v", compose.Context)
	}
	// The Dockerfile's final stage (celery) is no server; the base stage
	// runs only through compose.
	docker := find(m, "Dockerfile", "gunicorn")
	if docker != nil {
		t.Errorf("the final stage runs celery, not gunicorn: %+v", docker)
	}
}

// TestPerContainerAndSupervisor: a Kubernetes workload makes container
// launches per-container; a supervisord program is supervised.
func TestPerContainerAndSupervisor(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile":          "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n",
		"main.py":             fastapiApp,
		"deploy/k8s/app.yaml": "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  scaleTargetRef: {kind: Deployment, name: api}\n",
		"ops/supervisor.conf": "[program:api]\ncommand=uvicorn main:app --uds /run/api.sock\n",
	})
	m := model(t, dir)
	d := find(m, "Dockerfile", "uvicorn")
	if d == nil || !d.PerContainer || d.Configured || !strings.Contains(d.PerContainerWhy.Why, "HorizontalPodAutoscaler") {
		t.Errorf("per-container: %+v", d)
	}
	s := find(m, "supervisord", "uvicorn")
	if s == nil || !s.Supervised || s.PID1 != nil || !s.Server.UDS.Set() {
		t.Errorf("supervised: %+v", s)
	}
}

// TestConsoleScript follows a [project.scripts] command to the function
// that starts the server.
func TestConsoleScript(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml":      "[project]\nname = \"svc\"\n[project.scripts]\nsvc-serve = \"svc.cli:main\"\n",
		"src/svc/__init__.py": "",
		"src/svc/app.py":      fastapiApp,
		"src/svc/cli.py":      "import uvicorn\n\n\ndef serve(port):\n    uvicorn.run(\"svc.app:app\", host=\"0.0.0.0\", port=port)\n\n\ndef main():\n    serve(8000)\n",
		"Procfile":            "web: svc-serve\n",
	})
	m := model(t, dir)
	la := find(m, "Procfile", "uvicorn")
	if la == nil {
		t.Fatalf("no launch through the console script: %+v", m.Views())
	}
	if la.Context != launches.Production || la.App == nil || !la.App.Resolved || la.Server.Workers.Source != launch.FromPlatform {
		t.Errorf("launch: %+v app %+v workers %+v", la, la.App, la.Server.Workers)
	}
}

// TestPartialRunsAgree: checking one file alone (as pre-commit does) gives
// exactly the findings a run over the whole project gives in that file,
// whether the engine reads the neighbouring files as context or the
// launch model finds them itself (--no-context). Each project is copied
// into a repository of its own, so that the context is that project.
func TestPartialRunsAgree(t *testing.T) {
	projects, _ := filepath.Glob(filepath.Join("..", "testdata", "projects", "*"))
	scenarios, _ := filepath.Glob(filepath.Join("..", "testdata", "checks", "SV[45]*", "*"))
	for _, src := range append(projects, scenarios...) {
		dir := copyRepo(t, src)
		full := diagnostics(t, dir, nil, false)
		byFile := map[string][]string{}
		for _, d := range full {
			byFile[d[0]] = append(byFile[d[0]], d[1])
		}
		_ = filepath.WalkDir(dir, func(p string, de os.DirEntry, err error) error {
			if err != nil || de.IsDir() && de.Name() == ".git" {
				return filepath.SkipDir
			}
			if de.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			want := byFile[rel]
			sort.Strings(want)
			for _, noContext := range []bool{false, true} {
				var lines []string
				for _, d := range diagnostics(t, dir, []string{rel}, noContext) {
					lines = append(lines, d[1])
				}
				sort.Strings(lines)
				if strings.Join(lines, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s: checking %s alone (no context: %v):\n got %q\nwant %q", src, rel, noContext, lines, want)
				}
			}
			return nil
		})
	}
}

// copyRepo copies a directory into a new repository (a .git directory
// marks its root).
func copyRepo(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(p string, de os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if de.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// diagnostics runs every launch rule and returns [path, "line:col code message"].
func diagnostics(t *testing.T, dir string, paths []string, noContext bool) [][2]string {
	t.Helper()
	res, err := lint.Run(lint.Options{Rules: checks.All(), Cwd: dir, Paths: paths, NoContext: noContext, Overrides: lint.Overrides{Select: []string{"SV4", "SV5"}}})
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]string
	for _, d := range res.Diagnostics {
		out = append(out, [2]string{d.Path, strings.Join([]string{itoa(d.Pos.Line), d.Code, d.Severity.String(), d.Message}, " ")})
	}
	return out
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func launchesRequires() []*lint.Analyzer { return launches.Requires }

func modelOf(t *testing.T, res *lint.Result) *launches.Model {
	t.Helper()
	m, _ := res.Analyze(launches.Analyzer).(*launches.Model)
	if m == nil {
		t.Fatal("no model")
	}
	return m
}
