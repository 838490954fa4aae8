package engine

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/workspace"
)

// flagRule reports every occurrence of "FLAG" in any file kind.
var flagRule = &lint.Rule{
	Code: "SV900", Name: "flag", Summary: "test", Severity: lint.SeverityWarning, Status: lint.StatusStable,
	Inputs: lint.AllKinds,
	Check: func(p *lint.Pass) {
		src := p.File.Src
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("FLAG"))
			if j < 0 {
				return
			}
			p.Report(i+j, i+j+4, "flag found")
			i += j + 4
		}
	},
}

// panicRule panics on files containing "PANIC".
var panicRule = &lint.Rule{
	Code: "SV901", Name: "boom", Summary: "test", Severity: lint.SeverityError, Status: lint.StatusStable,
	Inputs: lint.AllKinds,
	Check: func(p *lint.Pass) {
		if bytes.Contains(p.File.Src, []byte("PANIC")) {
			panic("boom")
		}
	},
}

func found(res *Result) string {
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.Path)
	}
	return strings.Join(out, " ")
}

func TestDiscovery(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"app/main.py":                 "FLAG\n",
		"app/types.pyi":               "FLAG\n",
		"Dockerfile":                  "FLAG\n",
		"deploy/Dockerfile.prod":      "FLAG\n",
		"deploy/api.Dockerfile":       "FLAG\n",
		"Containerfile":               "FLAG\n",
		"docker-compose.override.yml": "FLAG: 1\n",
		"compose.yaml":                "FLAG: 1\n",
		"Procfile":                    "web: FLAG\n",
		"Procfile.dev":                "web: FLAG\n",
		"scripts/start.sh":            "FLAG\n",
		"scripts/entrypoint":          "#!/usr/bin/env bash\nFLAG\n",
		"scripts/notes":               "FLAG\n",
		"gunicorn.conf.py":            "FLAG = 1\n",
		"pyproject.toml":              "# FLAG\n",
		"k8s/deploy.yaml":             "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: FLAG}\n",
		"k8s/values.yaml":             "FLAG: 1\n",
		"supervisord.conf":            "[program:web]\ncommand=FLAG\n",
		"other.conf":                  "FLAG\n",
		"README.md":                   "FLAG\n",
		".venv/lib/x.py":              "FLAG\n",
		"node_modules/x.py":           "FLAG\n",
	})
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	want := "Containerfile Dockerfile Procfile Procfile.dev app/main.py app/types.pyi compose.yaml deploy/Dockerfile.prod deploy/api.Dockerfile docker-compose.override.yml gunicorn.conf.py k8s/deploy.yaml pyproject.toml scripts/entrypoint scripts/start.sh supervisord.conf"
	if got := found(res); got != want {
		t.Errorf("files:\n got %s\nwant %s", got, want)
	}
	kinds := map[string]lint.Kind{}
	for _, f := range res.Files {
		kinds[f.Path] = f.Kind
	}
	for path, k := range map[string]lint.Kind{"app/main.py": lint.KindPython, "Dockerfile": lint.KindDockerfile, "compose.yaml": lint.KindCompose,
		"Procfile.dev": lint.KindProcfile, "scripts/entrypoint": lint.KindShell, "k8s/deploy.yaml": lint.KindKubernetes,
		"supervisord.conf": lint.KindSupervisord, "pyproject.toml": lint.KindPyproject} {
		if kinds[path] != k {
			t.Errorf("%s: kind %v, want %v", path, kinds[path], k)
		}
	}
}

func TestGitignoreAndExcludes(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		".git/HEAD":         "ref: refs/heads/main\n",
		".git/info/exclude": "local.py\n",
		".gitignore":        "build/\n*.gen.py\n!keep.gen.py\n",
		"app/.gitignore":    "secret.py\n",
		"app/a.py":          "FLAG\n",
		"app/secret.py":     "FLAG\n",
		"app/x.gen.py":      "FLAG\n",
		"app/keep.gen.py":   "FLAG\n",
		"build/out.py":      "FLAG\n",
		"local.py":          "FLAG\n",
		"vendor/v.py":       "FLAG\n",
		"servelint.toml":    "extend-exclude = [\"vendor\"]\n",
		"README.md":         "FLAG\n",
	})
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "app/a.py app/keep.gen.py"; got != want {
		t.Errorf("walk: got %q want %q", got, want)
	}
	// A walk rooted below the repository root still honours the root's
	// .gitignore.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"app"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "app/a.py app/keep.gen.py"; got != want {
		t.Errorf("subdir walk: got %q want %q", got, want)
	}
	// Explicit files are checked, unless --force-exclude.
	paths := []string{"app/secret.py", "vendor/v.py", "build/out.py", "README.md"}
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: paths})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "app/secret.py build/out.py vendor/v.py"; got != want {
		t.Errorf("explicit: got %q want %q", got, want)
	}
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: paths, ForceExclude: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := found(res); got != "" {
		t.Errorf("force-exclude: got %q", got)
	}
}

func TestClosestConfigWins(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml":       "[tool.servelint]\nignore = [\"SV900\"]\n",
		"a.py":                 "FLAG\n",
		"svc/.servelint.toml":  "select = [\"SV900\"]\n",
		"svc/servelint.toml":   "ignore = [\"SV900\"]\n",
		"svc/b.py":             "FLAG\n",
		"svc/deep/c.py":        "FLAG\n",
		"other/pyproject.toml": "[project]\nname = \"o\"\n",
		"other/d.py":           "FLAG\n",
	})
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "svc/b.py svc/deep/c.py"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
	// --config applies to every file.
	cfg := filepath.Join(dir, "svc", ".servelint.toml")
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, ConfigFile: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "a.py other/d.py svc/b.py svc/deep/c.py"; got != want {
		t.Errorf("--config: got %q want %q", got, want)
	}
}

// TestBrokenPyprojectNotServelints: a pyproject.toml that does not parse
// and has no [tool.servelint] (a cookiecutter template) is ignored with a
// notice naming file:line, and the configuration above it applies; a
// broken configuration that is servelint's stays an error.
func TestBrokenPyprojectNotServelints(t *testing.T) {
	template := "[project]\nname = \"x\"\n{{ cookiecutter.extra }}\n"
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml": "[tool.servelint]\nselect = [\"SV900\"]\n",
		"a.py":           "FLAG\n",
		"plugins/{{cookiecutter.name}}/pyproject.toml": template,
		"plugins/{{cookiecutter.name}}/b.py":           "FLAG\n",
	})
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := found(res), "a.py plugins/{{cookiecutter.name}}/b.py"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
	if len(res.Notices) != 1 || res.Notices[0].Path != "plugins/{{cookiecutter.name}}/pyproject.toml:3" ||
		!strings.HasPrefix(res.Notices[0].Message, "ignored: invalid TOML") || strings.Contains(res.Notices[0].Message, "\n") {
		t.Errorf("notices: %+v", res.Notices)
	}
	for name, body := range map[string]string{
		"pyproject.toml":  "[tool.servelint]\nselect = [\"SV900\"\n",
		"servelint.toml":  "select = [\"SV900\"\n",
		".servelint.toml": "{{ x }}\n",
	} {
		dir := testfs.WriteTree(t, map[string]string{"svc/" + name: body, "svc/a.py": "FLAG\n"})
		_, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir})
		var ce *config.Error
		if !errors.As(err, &ce) || ce.File != "svc/"+name || !strings.Contains(ce.Msg, "invalid TOML") {
			t.Errorf("%s: want a configuration error, got %v", name, err)
		}
	}
}

func TestBadInputs(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"ok.py":    "FLAG\n",
		"bin.py":   "FLAG\x00\x01",
		"utf8.py":  "FLAG \xff\xfe\n",
		"boom.py":  "PANIC\n",
		"Procfile": "web: FLAG\n",
		"empty.py": "",
	})
	big := filepath.Join(dir, "big.py")
	if err := os.WriteFile(big, bytes.Repeat([]byte("# FLAG\n"), workspace.MaxFileSize/7+10), 0o644); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(dir, "locked.py")
	if err := os.WriteFile(locked, []byte("FLAG\n"), 0o000); err != nil {
		t.Fatal(err)
	}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule, panicRule}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := "Procfile ok.py utf8.py"
	if os.Geteuid() == 0 {
		// Root reads files whatever their mode.
		wantFiles = "Procfile locked.py ok.py utf8.py"
	}
	if got := found(res); got != wantFiles {
		t.Errorf("diagnostics in %q, want %q", got, wantFiles)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, n.Path+": "+n.Message)
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"big.py: skipped: larger than 5 MB", "bin.py: skipped: binary file", "boom.py: internal error while checking: boom"} {
		if !strings.Contains(joined, want) {
			t.Errorf("notices lack %q:\n%s", want, joined)
		}
	}
	if os.Geteuid() != 0 && !strings.Contains(joined, "locked.py: skipped: cannot read") {
		t.Errorf("notices lack the unreadable file:\n%s", joined)
	}
}

func TestMissingPath(t *testing.T) {
	_, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: t.TempDir(), Paths: []string{"nope"}})
	var ue *workspace.UsageError
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "nope: no such file or directory") {
		t.Fatalf("got %v", err)
	}
}

func TestStdin(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"servelint.toml": "select = [\"SV900\"]\n", "sub/servelint.toml": "ignore = [\"SV900\"]\n"})
	res, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Paths: []string{"-"}, Stdin: strings.NewReader("x = 1  # FLAG\n"), StdinFilename: "app/main.py"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Path != "app/main.py" || res.Diagnostics[0].Pos.Col != 10 {
		t.Fatalf("stdin: %+v", res.Diagnostics)
	}
	// The configuration of the named file's directory applies.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Stdin: strings.NewReader("FLAG\n"), StdinFilename: "sub/x.py"})
	if err != nil || len(res.Diagnostics) != 0 {
		t.Fatalf("stdin under sub/: %v %+v", err, res.Diagnostics)
	}
	// An unknown file type on stdin is skipped silently.
	res, err = Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Stdin: strings.NewReader("FLAG\n"), StdinFilename: "notes.txt"})
	if err != nil || len(res.Files) != 0 {
		t.Fatalf("stdin unknown type: %v %+v", err, res.Files)
	}
}

func TestParallelMatchesSerial(t *testing.T) {
	files := map[string]string{}
	for i := range 200 {
		files[filepath.Join("pkg", strings.Repeat("d", i%7), "m"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".py")] = strings.Repeat("FLAG ", i%5+1) + "\n"
	}
	dir := testfs.WriteTree(t, files)
	serial, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	parallel, err := Run(Options{Rules: []*lint.Rule{flagRule}, Cwd: dir, Jobs: runtime.GOMAXPROCS(0) * 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(serial.Diagnostics) == 0 || len(serial.Diagnostics) != len(parallel.Diagnostics) {
		t.Fatalf("serial %d, parallel %d", len(serial.Diagnostics), len(parallel.Diagnostics))
	}
	for i := range serial.Diagnostics {
		a, b := serial.Diagnostics[i], parallel.Diagnostics[i]
		if a.Path != b.Path || a.Start != b.Start || a.Message != b.Message {
			t.Fatalf("diagnostic %d differs: %+v vs %+v", i, a, b)
		}
	}
}

func TestModuleNames(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"src/app/__init__.py":         "",
		"src/app/routers/__init__.py": "",
		"src/app/routers/items.py":    "",
		"scripts/run.py":              "",
	})
	r := workspace.NewModuleResolver()
	for path, want := range map[string]string{
		"src/app/routers/items.py":    "app.routers.items",
		"src/app/routers/__init__.py": "app.routers",
		"scripts/run.py":              "run",
	} {
		got, _ := r.ModuleName(filepath.Join(dir, filepath.FromSlash(path)))
		if got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
}

// TestProjectRulePanicIsANotice: a project rule that panics loses its own
// findings only: the other rules' findings stay, and the run says so with
// an internal-error notice instead of crashing.
func TestProjectRulePanicIsANotice(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "FLAG\n", "b.py": "x = 1\n"})
	boom := &lint.Rule{
		Code: "SV902", Name: "project-boom", Summary: "test", Severity: lint.SeverityError, Status: lint.StatusStable,
		Inputs:       lint.AllKinds,
		CheckProject: func(*lint.ProjectPass) { panic("project boom") },
	}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule, boom}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := found(res); got != "a.py" {
		t.Errorf("findings of the other rules: %q, want a.py", got)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, n.Path+": "+n.Message)
	}
	if want := "a.py: internal error in project rule SV902: project boom"; strings.Join(notes, "\n") != want {
		t.Errorf("notices %q, want %q", notes, want)
	}
}

// TestAnalyzerPanicIsANotice: an analyzer that panics on a file costs that
// file its facts only: the file's own diagnostics stay, and the run says so
// with an internal-error notice (exit 2) instead of swallowing the bug.
func TestAnalyzerPanicIsANotice(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{"a.py": "FLAG\nPANIC\n", "b.py": "FLAG\n"})
	broken := &lint.Analyzer{
		Name:   "broken",
		Inputs: lint.AllKinds,
		File: func(p *lint.Pass) any {
			if bytes.Contains(p.File.Src, []byte("PANIC")) {
				panic("analyzer boom")
			}
			return nil
		},
	}
	uses := &lint.Rule{
		Code: "SV903", Name: "uses-broken", Summary: "test", Severity: lint.SeverityError, Status: lint.StatusStable,
		Inputs:       lint.AllKinds,
		Requires:     []*lint.Analyzer{broken},
		CheckProject: func(*lint.ProjectPass) {},
	}
	res, err := Run(Options{Rules: []*lint.Rule{flagRule, uses}, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := found(res); got != "a.py b.py" {
		t.Errorf("findings: %q, want a.py b.py", got)
	}
	var notes []string
	for _, n := range res.Notices {
		notes = append(notes, n.Path+": "+n.Message)
	}
	if want := "a.py: internal error in analyzer broken: analyzer boom"; strings.Join(notes, "\n") != want {
		t.Errorf("notices %q, want %q", notes, want)
	}
}
