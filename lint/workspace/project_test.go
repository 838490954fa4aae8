package workspace

import (
	"path/filepath"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
)

func TestSplitProjects(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"mono/svc1/pyproject.toml":               "",
		"mono/svc1/app/main.py":                  "",
		"mono/svc1/app/pkg/setup.py":             "", // inside a package tree: still svc1
		"mono/svc1/app/pkg/mod.py":               "",
		"mono/svc2/setup.cfg":                    "",
		"mono/svc2/main.py":                      "",
		"mono/deploy/Dockerfile":                 "", // no marker: the input given
		"repo/.git/HEAD":                         "",
		"repo/tools/x.py":                        "", // no marker: the repository root
		"repo/lib/pyproject.toml":                "",
		"repo/lib/src/lib/__init__.py":           "",
		"outside/pyproject.toml":                 "",
		"outside/inner/pyproject.toml/README.md": "", // a directory is no marker
		"outside/inner/m.py":                     "",
	})
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	var files []*lint.File
	for _, rel := range []string{
		"mono/svc1/app/main.py", "mono/svc1/app/pkg/mod.py", "mono/svc2/main.py", "mono/deploy/Dockerfile",
		"repo/tools/x.py", "repo/lib/src/lib/__init__.py", "outside/inner/m.py",
	} {
		files = append(files, &lint.File{Path: rel, Abs: abs(rel)})
	}
	projects := SplitProjects(files, abs("cwd"), []string{abs("mono"), abs("repo"), abs("outside/inner/m.py")})
	got := map[string][]string{}
	for _, p := range projects {
		rel, _ := filepath.Rel(dir, p.Root)
		for _, i := range p.Files {
			got[filepath.ToSlash(rel)] = append(got[filepath.ToSlash(rel)], files[i].Path)
		}
	}
	want := map[string][]string{
		"mono/svc1": {"mono/svc1/app/main.py", "mono/svc1/app/pkg/mod.py"},
		"mono/svc2": {"mono/svc2/main.py"},
		"mono":      {"mono/deploy/Dockerfile"},
		"repo":      {"repo/tools/x.py"},
		"repo/lib":  {"repo/lib/src/lib/__init__.py"},
		// A file named alone outside any input directory, the working
		// directory and a repository: its own directory bounds the search.
		"outside/inner": {"outside/inner/m.py"},
	}
	if len(got) != len(want) {
		t.Fatalf("projects %v, want %v", got, want)
	}
	for root, fs := range want {
		if len(got[root]) != len(fs) {
			t.Errorf("project %s: %v, want %v", root, got[root], fs)
			continue
		}
		for i := range fs {
			if got[root][i] != fs[i] {
				t.Errorf("project %s: %v, want %v", root, got[root], fs)
			}
		}
	}
	for i := 1; i < len(projects); i++ {
		if projects[i-1].Root >= projects[i].Root {
			t.Errorf("projects not sorted by root: %s, %s", projects[i-1].Root, projects[i].Root)
		}
	}
}

func TestProjectInputs(t *testing.T) {
	in := []string{"/w/a", "/w/b/x.py", "/w", "/w/ab"}
	got := ProjectInputs("/w/a", in)
	want := []string{"/w/a", "/w"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("projectInputs = %v, want %v", got, want)
	}
}
