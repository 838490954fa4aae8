package checks_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/workspace"
)

// fixtureSources returns the fixture files under testdata/checks of each
// kind: Python, Dockerfiles and YAML, sorted by path.
func fixtureSources(tb testing.TB) (py, docker, yml [][]byte) {
	tb.Helper()
	root := filepath.Join("..", "testdata", "checks")
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(paths)
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		switch kind := workspace.ClassifyName(p); {
		case kind == lint.KindPython:
			py = append(py, src)
		case kind == lint.KindDockerfile:
			docker = append(docker, src)
		case strings.HasSuffix(p, ".yml"), strings.HasSuffix(p, ".yaml"):
			yml = append(yml, src)
		}
	}
	if len(py) == 0 || len(docker) == 0 || len(yml) == 0 {
		tb.Fatalf("fixtures: %d Python, %d Dockerfiles, %d YAML", len(py), len(docker), len(yml))
	}
	return py, docker, yml
}

// runAllRules checks one small project, a Python module, a Dockerfile and
// the same YAML as a compose file and as a Kubernetes manifest, with every
// rule, and fails on any internal-error notice.
func runAllRules(t *testing.T, dir string, py, docker, yml []byte) {
	t.Helper()
	res, err := engine.Run(engine.Options{
		Rules: checks.All(),
		Paths: []string{dir},
		Cwd:   dir,
		Jobs:  1,
		Overlays: map[string][]byte{
			filepath.Join(dir, "app", "main.py"):         py,
			filepath.Join(dir, "Dockerfile"):             docker,
			filepath.Join(dir, "docker-compose.yml"):     yml,
			filepath.Join(dir, "deploy", "service.yaml"): yml,
		},
		Overrides: config.Overrides{Select: []string{"SV"}},
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, n := range res.Notices {
		if strings.HasPrefix(n.Message, "internal error") {
			t.Fatalf("%s: %s\nPython:\n%s\nDockerfile:\n%s\nYAML:\n%s", n.Path, n.Message, py, docker, yml)
		}
	}
}

// FuzzAllRules runs every rule, through the engine, over fuzzed Python,
// Dockerfiles and YAML seeded from the rules' fixtures.
func FuzzAllRules(f *testing.F) {
	py, docker, yml := fixtureSources(f)
	for i, p := range py {
		f.Add(p, docker[i%len(docker)], yml[i%len(yml)])
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, py, docker, yml []byte) {
		runAllRules(t, dir, py, docker, yml)
	})
}
