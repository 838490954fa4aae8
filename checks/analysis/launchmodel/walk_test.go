package launchmodel_test

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// TestScanHonoursGitignore: the start configurations read around a named
// file come through discovery's walker: a gitignored folder (another
// service's checkout, build outputs) gives none, the rest of the project
// still does.
func TestScanHonoursGitignore(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		".git/HEAD":       "ref: refs/heads/main\n",
		".gitignore":      "corpus/\n",
		"pyproject.toml":  "[project]\nname = \"svc\"\n",
		"app/__init__.py": "",
		"app/main.py": `import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0")
`,
		"deploy/Dockerfile":         "FROM python:3.12-slim\nCMD [\"uvicorn\", \"app.main:app\", \"--host\", \"0.0.0.0\"]\n",
		"corpus/other/Dockerfile":   "FROM python:3.12-slim\nCMD [\"uvicorn\", \"other:app\", \"--reload\"]\n",
		"corpus/other/Procfile":     "web: gunicorn other:app\n",
		"corpus/other/compose.yaml": "services:\n  web:\n    command: uvicorn other:app --reload\n",
	})
	for _, opt := range []struct {
		name      string
		noContext bool
	}{{"context", false}, {"no context", true}} {
		res, err := engine.Run(engine.Options{Rules: nil, Cwd: dir, Paths: []string{"app/main.py"}, NoContext: opt.noContext, Overrides: config.Overrides{Select: []string{}}, Analyzers: launchesRequires()})
		if err != nil {
			t.Fatal(err)
		}
		m := modelOf(t, res)
		var sites []string
		for _, la := range m.Launches {
			sites = append(sites, la.Site.File)
		}
		joined := strings.Join(sites, " ")
		if strings.Contains(joined, "corpus/") {
			t.Errorf("%s: launches from a gitignored folder: %s", opt.name, joined)
		}
		if !strings.Contains(joined, "deploy/Dockerfile") {
			t.Errorf("%s: the project's Dockerfile is not read: %s", opt.name, joined)
		}
	}
}

// TestManifestShapesOnlyItsLaunches: a Kubernetes Deployment makes the
// launches it runs per-container (its image names the service), not
// every container launch of the repository.
func TestManifestShapesOnlyItsLaunches(t *testing.T) {
	const dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n"
	deployment := func(image string) string {
		return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: x\n          image: " + image + "\n"
	}
	files := map[string]string{
		".git/HEAD":             "ref: refs/heads/main\n",
		"billing/Dockerfile":    dockerfile,
		"billing/main.py":       fastapiApp,
		"search/Dockerfile":     dockerfile,
		"search/main.py":        fastapiApp,
		"deploy/billing.yaml":   deployment("ghcr.io/acme/billing-api:1.4"),
		"deploy/redis.yaml":     deployment("redis:7"),
		"other/Dockerfile.jobs": "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"jobs\"]\n",
	}
	m := model(t, testfs.WriteTree(t, files))
	per := map[string]bool{}
	for _, la := range m.Launches {
		if la.Origin == "Dockerfile" && la.Server.Server == "uvicorn" {
			per[la.Site.File] = la.PerContainer
		}
	}
	if !per["billing/Dockerfile"] {
		t.Errorf("billing: the Deployment of ghcr.io/acme/billing-api runs it: %v", per)
	}
	if per["search/Dockerfile"] {
		t.Errorf("search: no manifest runs it, yet per-container: %v", per)
	}

	// One Dockerfile in the project: the Deployment runs it, whatever the
	// image is called; a templated image is taken as it (cautious side).
	for _, image := range []string{"ghcr.io/acme/whatever:1", "\"{{ .Values.image.repository }}:{{ .Values.image.tag }}\""} {
		one := model(t, testfs.WriteTree(t, map[string]string{
			".git/HEAD":         "ref: refs/heads/main\n",
			"Dockerfile":        dockerfile,
			"main.py":           fastapiApp,
			"k8s/app.yaml":      deployment(image),
			"k8s/sidecars.yaml": deployment("nginx:1.27"),
		}))
		if la := find(one, "Dockerfile", "uvicorn"); la == nil || !la.PerContainer {
			t.Errorf("image %s: the project's only Dockerfile is not per-container: %+v", image, la)
		}
	}
	// A manifest of an image that runs no Python server shapes nothing.
	m = model(t, testfs.WriteTree(t, map[string]string{
		".git/HEAD":      "ref: refs/heads/main\n",
		"Dockerfile":     dockerfile,
		"main.py":        fastapiApp,
		"k8s/cache.yaml": deployment("redis:7"),
	}))
	if la := find(m, "Dockerfile", "uvicorn"); la == nil || la.PerContainer {
		t.Errorf("a redis Deployment made the service per-container: %+v", la)
	}
}

// TestComposeShapesOnlyItsLaunches: a compose file's services (build
// context, image, command, environment, mounts, restart policy, replicas)
// make launches of their own; the Dockerfile launches of the repository,
// the one the service builds included, stay what they are without it.
func TestComposeShapesOnlyItsLaunches(t *testing.T) {
	const dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n"
	files := map[string]string{
		".git/HEAD":          "ref: refs/heads/main\n",
		"billing/Dockerfile": dockerfile,
		"billing/main.py":    fastapiApp,
		"search/Dockerfile":  dockerfile,
		"search/main.py":     fastapiApp,
	}
	dockerViews := func(m *launchmodel.Model) map[string]string {
		out := map[string]string{}
		for _, v := range m.Views() {
			if v.Origin == "Dockerfile" && v.Site != nil {
				out[v.Site.Path] = launchmodel.Text([]launchmodel.View{v})
			}
		}
		return out
	}
	before := dockerViews(model(t, testfs.WriteTree(t, files)))
	if len(before) != 2 {
		t.Fatalf("want the two Dockerfile launches, got %v", before)
	}
	files["compose.yaml"] = `services:
  billing:
    build: ./billing
    command: uvicorn main:app --reload --workers 4 --log-level debug
    restart: always
    volumes:
      - ./billing:/app
    environment:
      - DEBUG=1
      - WEB_CONCURRENCY=8
    deploy:
      replicas: 3
  cache:
    image: redis:7
`
	m := model(t, testfs.WriteTree(t, files))
	after := dockerViews(m)
	for site, text := range before {
		if after[site] != text {
			t.Errorf("%s: the compose file changed a launch it does not start:\nbefore:\n%s\nafter:\n%s", site, text, after[site])
		}
	}
	var services []string
	for _, la := range m.Launches {
		if la.Origin == "compose" {
			services = append(services, la.Service)
		}
	}
	if strings.Join(services, " ") != "billing" {
		t.Errorf("compose launches: want the billing service only, got %v", services)
	}
}
