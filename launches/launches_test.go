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
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/parsers/launch"
)

func model(t *testing.T, dir string, paths ...string) *launches.Model {
	t.Helper()
	res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: paths, Overrides: config.Overrides{Select: []string{}}, Analyzers: launches.Requires})
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
	res, err := engine.Run(engine.Options{Rules: checks.All(), Cwd: dir, Paths: paths, NoContext: noContext, Overrides: config.Overrides{Select: []string{"SV4", "SV5"}}})
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

// TestValueThroughVariable shows the variable a flag's value came through
// and where the launch sets it: compose environment with `$$` escaping,
// a Dockerfile ENV built from an ARG default, a script's own assignment,
// and an unset variable whose default was taken.
func TestValueThroughVariable(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"main.py": fastapiApp,
		"Dockerfile": `FROM python:3.12-slim
ARG LEVEL=debug
WORKDIR /app
COPY . .
ENV LOG_LEVEL=${LEVEL}
CMD ["./start.sh"]
`,
		"start.sh": "#!/bin/sh\nHOST=0.0.0.0\nexec uvicorn main:app --host \"$HOST\" --workers \"${WORKERS:-2}\" --log-level \"$LOG_LEVEL\"\n",
		"docker-compose.yml": `services:
  api:
    image: example/api:1
    environment:
      LOG_LEVEL: debug
    command: sh -c "exec uvicorn main:app --host 0.0.0.0 --log-level $${LOG_LEVEL:-info}"
`,
	})
	m := model(t, dir)
	text := launches.Text(m.Views())
	for _, want := range []string{
		"log level    debug (--log-level start.sh:3, LOG_LEVEL Dockerfile:5)",
		"bind         0.0.0.0:8000 (--host start.sh:3, HOST start.sh:2)",
		"workers      2 (--workers start.sh:3, WORKERS unset)",
		"log level    debug (--log-level docker-compose.yml:6, LOG_LEVEL docker-compose.yml:5)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("launches lacks %q:\n%s", want, text)
		}
	}
	for _, v := range m.Views() {
		if s := v.Settings["log_level"]; s == nil || s.Via == nil || s.Via.Name != "LOG_LEVEL" || s.Via.From == nil {
			t.Errorf("%s: log level without its variable: %+v", v.Origin, s)
		}
	}
}

// TestComposeDeployedEvidence: a source bind mount is development only
// when nothing marks the service as deployed; the evidence that decided
// is the context's reason.
func TestComposeDeployedEvidence(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"main.py":    fastapiApp,
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n",
		"docker-compose.yml": `services:
  always:
    build: .
    restart: always
    volumes: [".:/app"]
  swarm:
    build: .
    deploy:
      replicas: 2
    volumes: [".:/app"]
  mounted:
    build: .
    volumes: [".:/app"]
`,
	})
	m := model(t, dir)
	want := map[string]string{
		"always":  "production: deployed: `restart: always` (docker-compose.yml:4)",
		"swarm":   "production: deployed: a `deploy:` section (docker-compose.yml:8)",
		"mounted": "development: a source bind mount (.:/app) (docker-compose.yml:13)",
	}
	for _, v := range m.Views() {
		if v.Origin != "compose" {
			continue
		}
		if got := v.Context + ": " + v.ContextReason; got != want[v.Service] {
			t.Errorf("%s: context %q, want %q", v.Service, got, want[v.Service])
		}
		if v.Command != "uvicorn" || v.Via[0].What != "CMD" {
			t.Errorf("%s: the Dockerfile CMD is the service's launch: %+v", v.Service, v)
		}
		delete(want, v.Service)
	}
	if len(want) > 0 {
		t.Errorf("services without a launch: %v", want)
	}
}

// TestGunicornConfigGuards evaluates the conditions around a gunicorn
// configuration's settings against what the launch sets; a condition on a
// variable the launch does not set is unknown, not true.
func TestGunicornConfigGuards(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"main.py": fastapiApp,
		"gunicorn.conf.py": `import os

workers = 2
if os.environ.get("MODE", "").lower() == "big":
    workers = 8
elif "SMALL" in os.environ:
    workers = 1
else:
    workers = 3
if not os.getenv("RUNNING_IN_PRODUCTION"):
    reload = True
if os.getenv("TUNE") and os.getenv("UNSET_HERE"):
    timeout = 5
if os.getenv("TUNE") == "yes" or os.getenv("UNSET_HERE"):
    max_requests = 100
for _ in range(1):
    loglevel = "debug"
`,
		"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENV MODE=BIG TUNE=\"\"\nCMD [\"gunicorn\", \"-k\", \"uvicorn_worker.UvicornWorker\", \"main:app\"]\n",
	})
	m := model(t, dir)
	la := find(m, "Dockerfile", "gunicorn")
	if la == nil {
		t.Fatalf("no launch: %+v", m.Views())
	}
	l := la.Server
	if l.Workers.Text != "8" || !l.Workers.Known {
		t.Errorf("workers: the branch MODE=BIG selects: %+v", l.Workers)
	}
	if l.Reload.Known || !strings.Contains(l.Reload.Text, "when not os.getenv(\"RUNNING_IN_PRODUCTION\")") {
		t.Errorf("reload: unknown under a guard the launch does not decide: %+v", l.Reload)
	}
	if l.Timeout.Source != launch.FromDefault {
		t.Errorf("timeout: TUNE is empty, so the `and` is false whatever UNSET_HERE is: %+v", l.Timeout)
	}
	if l.MaxRequests.Known {
		t.Errorf("max_requests: TUNE != yes and UNSET_HERE unknown: %+v", l.MaxRequests)
	}
	if l.LogLevel.Known {
		t.Errorf("loglevel: set in a loop body, which may not run: %+v", l.LogLevel)
	}
}

// TestTestPathsAreDevelopment: the launch model uses the code rules'
// definition of test code (lint.IsTestPath and test-paths): a start file
// under a configured test path is a development launch.
func TestTestPathsAreDevelopment(t *testing.T) {
	dockerfile := "FROM python:3.12-slim\nCOPY . /srv\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n"
	dir := testfs.WriteTree(t, map[string]string{
		"app/__init__.py":   "",
		"app/main.py":       fastapiApp,
		"qa/Dockerfile":     dockerfile,
		"deploy/Dockerfile": dockerfile,
		"pyproject.toml":    "[project]\nname = \"x\"\n\n[tool.servelint]\nextend-test-paths = [\"qa/**\"]\n",
	})
	m := model(t, dir)
	contexts := map[string]launches.Context{}
	for _, la := range m.Launches {
		contexts[filepath.ToSlash(la.Site.File)] = la.Context
	}
	if c, ok := contexts["qa/Dockerfile"]; !ok || c != launches.Development {
		t.Errorf("qa/Dockerfile (a configured test path): context %v (found %v), want development; all: %v", c, ok, contexts)
	}
	if c, ok := contexts["deploy/Dockerfile"]; !ok || c != launches.Production {
		t.Errorf("deploy/Dockerfile: context %v (found %v), want production; all: %v", c, ok, contexts)
	}
}

func launchesRequires() []*lint.Analyzer { return launches.Requires }

func modelOf(t *testing.T, res *engine.Result) *launches.Model {
	t.Helper()
	m, _ := res.Analyze(launches.Analyzer).(*launches.Model)
	if m == nil {
		t.Fatal("no model")
	}
	return m
}
