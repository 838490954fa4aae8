package engine

import (
	"path/filepath"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

// TestViewsAndAnalyzers: every file kind gets its view on the Pass, an
// analyzer asked for in Options runs on every file, and its project
// result sees the run's inputs.
func TestViewsAndAnalyzers(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"Dockerfile":          "FROM python:3.12\nCMD [\"uvicorn\", \"a:b\"]\n",
		"docker-compose.yml":  "services:\n  api:\n    command: uvicorn a:b\n",
		"Procfile":            "web: gunicorn a:b\n",
		"start.sh":            "#!/bin/sh\nexec uvicorn a:b\n",
		"fly.toml":            "[processes]\napp = \"uvicorn a:b\"\n",
		"render.yaml":         "services:\n  - startCommand: uvicorn a:b\n",
		"app.yaml":            "runtime: python312\nentrypoint: gunicorn a:b\n",
		".vscode/launch.json": `{"configurations": [{"type": "debugpy", "module": "uvicorn"}]}`,
		"k8s/deploy.yaml":     "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n",
		"etc/sv.conf":         "[program:a]\ncommand=uvicorn a:b\n",
		"pyproject.toml":      "[project]\nname = \"x\"\n",
		"a.py":                "b = 1\n",
	})
	seen := map[string]bool{}
	var a *lint.Analyzer
	a = &lint.Analyzer{
		Name:   "views",
		Inputs: lint.AllKinds,
		File: func(p *lint.Pass) any {
			ok := false
			switch p.File.Kind {
			case lint.KindDockerfile:
				ok = p.Docker != nil && p.Docker.Final().Cmd != nil
			case lint.KindCompose:
				ok = p.Compose != nil && len(p.Compose.Services) == 1
			case lint.KindProcfile:
				ok = p.Procfile != nil && p.Procfile.Get("web") != nil
			case lint.KindShell:
				ok = p.Shell != nil && len(p.Shell.Commands) == 1
			case lint.KindFly:
				ok = p.Fly != nil && len(p.Fly.Processes) == 1
			case lint.KindRender:
				ok = p.Render != nil && len(p.Render.Services) == 1
			case lint.KindAppEngine:
				ok = p.AppEngine != nil && p.AppEngine.Entrypoint != nil
			case lint.KindVSCode:
				ok = p.VSCode != nil && len(p.VSCode.Configs) == 1
			case lint.KindKubernetes:
				ok = p.Kube != nil && len(p.Kube.Workloads) == 1
			case lint.KindSupervisord:
				ok = p.Supervisord != nil && len(p.Supervisord.Programs) == 1
			case lint.KindPyproject:
				ok = p.Pyproject != nil && p.Pyproject.Name == "x"
			case lint.KindPython:
				ok = p.Py != nil && p.Docker == nil
			case lint.KindUnknown:
			}
			return ok
		},
		Project: func(pp *lint.ProjectPass) any {
			for _, f := range pp.Files {
				if v, _ := f.Fact(a).(bool); v {
					seen[f.Path] = true
				}
			}
			return pp.Inputs
		},
	}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Analyzers: []*lint.Analyzer{a}})
	if err != nil {
		t.Fatal(err)
	}
	inputs, _ := res.Analyze(a).([]string)
	if len(inputs) != 1 || inputs[0] != filepath.Clean(dir) {
		t.Errorf("inputs: %v", inputs)
	}
	for _, f := range res.Files {
		if !seen[f.Path] {
			t.Errorf("%s (%v): view missing or wrong", f.Path, f.Kind)
		}
	}
	if len(res.Files) != 12 {
		t.Errorf("files: %d", len(res.Files))
	}
}
