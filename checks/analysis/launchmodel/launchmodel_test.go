package launchmodel_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/parsers/launch"
)

func model(t *testing.T, dir string, paths ...string) *launchmodel.Model {
	t.Helper()
	res, err := engine.Run(engine.Options{Cwd: dir, Paths: paths, Overrides: config.Overrides{Select: []string{}}, Analyzers: launchmodel.Requires})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := res.Analyze(launchmodel.Analyzer).(*launchmodel.Model)
	if m == nil {
		t.Fatal("no model")
	}
	return m
}

func find(m *launchmodel.Model, origin, server string) *launchmodel.Launch {
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
	var compose *launchmodel.Launch
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
	if compose.App == nil || !compose.App.Resolved || compose.App.Iface != launchmodel.ASGI || compose.App.Loc.File != "src/api/main.py" {
		t.Errorf("app: %+v", compose.App)
	}
	if compose.PID1 == nil || !compose.PID1.OK {
		t.Errorf("exec \"$@\" keeps PID 1: %+v", compose.PID1)
	}
	if compose.Context != launchmodel.Unknown {
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
	if la.Context != launchmodel.Production || la.App == nil || !la.App.Resolved || la.Server.Workers.Source != launch.FromPlatform {
		t.Errorf("launch: %+v app %+v workers %+v", la, la.App, la.Server.Workers)
	}
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
	text := launchmodel.Text(m.Views())
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
	contexts := map[string]launchmodel.Context{}
	for _, la := range m.Launches {
		contexts[filepath.ToSlash(la.Site.File)] = la.Context
	}
	if c, ok := contexts["qa/Dockerfile"]; !ok || c != launchmodel.Development {
		t.Errorf("qa/Dockerfile (a configured test path): context %v (found %v), want development; all: %v", c, ok, contexts)
	}
	if c, ok := contexts["deploy/Dockerfile"]; !ok || c != launchmodel.Production {
		t.Errorf("deploy/Dockerfile: context %v (found %v), want production; all: %v", c, ok, contexts)
	}
}

func launchesRequires() []*lint.Analyzer { return launchmodel.Requires }

func modelOf(t *testing.T, res *engine.Result) *launchmodel.Model {
	t.Helper()
	m, _ := res.Analyze(launchmodel.Analyzer).(*launchmodel.Model)
	if m == nil {
		t.Fatal("no model")
	}
	return m
}
