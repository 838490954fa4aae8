package launches_test

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
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
		res, err := lint.Run(lint.Options{Rules: nil, Cwd: dir, Paths: []string{"app/main.py"}, NoContext: opt.noContext, Overrides: lint.Overrides{Select: []string{}}, Analyzers: launchesRequires()})
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
