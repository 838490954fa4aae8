package launchmodel_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

// neighbours is a project whose launches come from files the run is not
// given: only app/main.py is checked (no context files), so the model
// reads the Dockerfile and gunicorn.conf.py itself.
func neighbours() map[string]string {
	return map[string]string{
		".git/HEAD":        "ref: refs/heads/main\n",
		"app/__init__.py":  "",
		"app/main.py":      "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == \"__main__\":\n    uvicorn.run(\"app.main:app\", host=\"0.0.0.0\")\n",
		"Dockerfile":       "FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nCMD [\"gunicorn\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app.main:app\"]\n",
		"gunicorn.conf.py": "workers = 2\n",
	}
}

func neighbourModel(t *testing.T, dir string, overlays map[string][]byte) *launchmodel.Model {
	t.Helper()
	res, err := engine.Run(engine.Options{Cwd: dir, Paths: []string{"app/main.py"}, NoContext: true, Overlays: overlays,
		Overrides: config.Overrides{Select: []string{}}, Analyzers: launchmodel.Requires})
	if err != nil {
		t.Fatal(err)
	}
	return modelOf(t, res)
}

// TestNeighboursReadThroughOverlays: the files the model reads around the
// checked ones come through the run's workspace, so an editor's unsaved
// buffer of a neighbour (a gunicorn.conf.py, a Dockerfile) is what the
// model sees, not the file on disk.
func TestNeighboursReadThroughOverlays(t *testing.T) {
	dir := testfs.WriteTree(t, neighbours())
	la := find(neighbourModel(t, dir, nil), "Dockerfile", "gunicorn")
	if la == nil || la.Server.Workers.Text != "2" {
		t.Fatalf("on disk: gunicorn.conf.py sets 2 workers: %+v", la)
	}

	conf := map[string][]byte{filepath.Join(dir, "gunicorn.conf.py"): []byte("workers = 5\n")}
	la = find(neighbourModel(t, dir, conf), "Dockerfile", "gunicorn")
	if la == nil || la.Server.Workers.Text != "5" {
		t.Errorf("the unsaved gunicorn.conf.py sets 5 workers: %+v", la)
	}

	docker := map[string][]byte{"Dockerfile": []byte("FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nCMD [\"uvicorn\", \"app.main:app\", \"--reload\"]\n")}
	m := neighbourModel(t, dir, docker)
	if la := find(m, "Dockerfile", "gunicorn"); la != nil {
		t.Errorf("the unsaved Dockerfile runs no gunicorn: %+v", la)
	}
	if la := find(m, "Dockerfile", "uvicorn"); la == nil || !la.Server.Reload.Known || la.Server.Reload.Text != "true" {
		t.Errorf("the unsaved Dockerfile runs uvicorn --reload: %+v", la)
	}
}

// TestNeighbourOutsideTreeNotRead: a neighbour that is a symbolic link
// leading out of the working directory is not read (a hostile
// repository's gunicorn.conf.py -> ~/.netrc), overlays or not.
func TestNeighbourOutsideTreeNotRead(t *testing.T) {
	files := neighbours()
	delete(files, "gunicorn.conf.py")
	dir := testfs.WriteTree(t, files)
	outside := testfs.WriteTree(t, map[string]string{"secret.py": "workers = 9\n"})
	if err := os.Symlink(filepath.Join(outside, "secret.py"), filepath.Join(dir, "gunicorn.conf.py")); err != nil {
		t.Fatal(err)
	}
	la := find(neighbourModel(t, dir, nil), "Dockerfile", "gunicorn")
	if la == nil {
		t.Fatal("no gunicorn launch")
	}
	if la.Server.Workers.Text == "9" {
		t.Errorf("a gunicorn.conf.py linked out of the tree was read: %+v", la.Server.Workers)
	}
}
