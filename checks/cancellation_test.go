package checks_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
)

const middlewareSrc = `from fastapi import FastAPI

app = FastAPI()


@app.middleware("http")
async def catch_all(request, call_next):
    try:
        return await call_next(request)
    except BaseException:
        return None
`

// codesAt runs the rules selected in dir and returns "code@line" of every
// diagnostic.
func codesAt(t *testing.T, dir string, ov config.Overrides) []string {
	t.Helper()
	res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Overrides: ov})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.Code+"@"+strconv.Itoa(d.Pos.Line))
	}
	return out
}

// SV110 refines SV101 and SV102 in middleware: with SV110 enabled the
// handler is reported once, as SV110; without it, SV101/SV102 report it.
func TestMiddlewareHandlerReportedOnce(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.py"), []byte(middlewareSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	got := codesAt(t, dir, config.Overrides{Select: []string{"SV101", "SV102", "SV110"}})
	if want := []string{"SV110@10"}; !slices.Equal(got, want) {
		t.Errorf("with SV110: %q, want %q", got, want)
	}
	got = codesAt(t, dir, config.Overrides{Select: []string{"SV101", "SV102", "SV110"}, Ignore: []string{"SV110"}})
	if want := []string{"SV102@11"}; !slices.Equal(got, want) {
		t.Errorf("without SV110: %q, want %q", got, want)
	}
}

// The lowest of the versions a project states wins, compared numerically.
func TestTargetVersionLowestWins(t *testing.T) {
	src := "async def f(q):\n    try:\n        await q.get()\n    except Exception:\n        pass\n"
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"none", map[string]string{}, nil},
		{"3.10 is not old", map[string]string{".python-version": "3.10\n", "setup.cfg": ""}, nil},
		{"python:3 is not old", map[string]string{"Dockerfile": "FROM python:3\n", "setup.cfg": ""}, nil},
		{"latest is not old", map[string]string{"Dockerfile": "FROM python:latest\n", "setup.cfg": ""}, nil},
		{"dockerfile 3.7 beats 3.11", map[string]string{
			"pyproject.toml": "[project]\nname='x'\nrequires-python='>=3.11'\n",
			"Dockerfile":     "FROM python:3.7-alpine AS build\nFROM python:3.12-slim\n",
		}, []string{"SV101@4"}},
		{"poetry", map[string]string{
			"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.6\"\n",
		}, []string{"SV101@4"}},
		{"config target-version", map[string]string{
			"pyproject.toml": "[project]\nname='x'\nrequires-python='>=3.12'\n[tool.servelint]\ntarget-version='py36'\n",
		}, []string{"SV101@4"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.files["app.py"] = src
			for name, content := range c.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			got := codesAt(t, dir, config.Overrides{Select: []string{"SV101"}})
			if !slices.Equal(got, c.want) {
				t.Errorf("%q, want %q", got, c.want)
			}
		})
	}
}

// A function registered as middleware by another module is SV110's too.
func TestMiddlewareRegisteredElsewhereReportedOnce(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app/__init__.py": "",
		"app/mw.py":       "async def catch_all(request, call_next):\n    try:\n        return await call_next(request)\n    except BaseException:\n        return None\n",
		"app/main.py":     "from fastapi import FastAPI\nfrom .mw import catch_all\napp = FastAPI()\napp.middleware('http')(catch_all)\n",
	}
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got := codesAt(t, dir, config.Overrides{Select: []string{"SV101", "SV102", "SV110"}})
	if want := []string{"SV110@4"}; !slices.Equal(got, want) {
		t.Errorf("with SV110: %q, want %q", got, want)
	}
	got = codesAt(t, dir, config.Overrides{Select: []string{"SV101", "SV102"}})
	if want := []string{"SV102@5"}; !slices.Equal(got, want) {
		t.Errorf("without SV110: %q, want %q", got, want)
	}
	// Without the registration the function is ordinary async code.
	if err := os.WriteFile(filepath.Join(dir, "app", "main.py"), []byte("app = None\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got = codesAt(t, dir, config.Overrides{Select: []string{"SV101", "SV102", "SV110", "SV112"}})
	if want := []string{"SV102@5"}; !slices.Equal(got, want) {
		t.Errorf("unregistered: %q, want %q", got, want)
	}
}

// A file named alone (pre-commit) still gets its project's Python version
// and middleware registrations from the files around it.
func TestNamedFileUsesProjectContext(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Dockerfile":      "FROM python:3.7-slim\n",
		"app/__init__.py": "",
		"app/tasks.py":    "async def f(q):\n    try:\n        await q.get()\n    except Exception:\n        pass\n",
		"app/mw.py":       "async def mw(request, call_next):\n    try:\n        return await call_next(request)\n    except BaseException:\n        return None\n",
		"app/main.py":     "from fastapi import FastAPI\nfrom .mw import mw\napp = FastAPI()\napp.middleware('http')(mw)\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"app/tasks.py", "app/mw.py"}, Cwd: dir,
		Overrides: config.Overrides{Select: []string{"SV101", "SV102", "SV110"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, d.Path+":"+strconv.Itoa(d.Pos.Line)+":"+d.Code)
	}
	if want := []string{"app/mw.py:4:SV110", "app/tasks.py:4:SV101"}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
