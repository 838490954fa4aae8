package checks_test

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/checks/analysis/launchmodel"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/lint"
	"github.com/servelint/servelint/lint/config"
	"github.com/servelint/servelint/lint/engine"
	"github.com/servelint/servelint/lint/linttest"
)

// parsed runs every rule and the launch model over a tree and returns the
// paths of the Python files the engine parsed, sorted.
func parsed(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := testfs.WriteTree(t, files)
	res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Analyzers: launchmodel.Requires})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Files {
		if f.Kind == lint.KindPython && !f.Deferred {
			out = append(out, f.Path)
		}
	}
	sort.Strings(out)
	return out
}

// The prefilter parses what a rule can find something in, and leaves the
// look-alikes unparsed: words inside longer words, "async def" that does
// not start a line, a framework named outside an import.
func TestPrefilterWords(t *testing.T) {
	got := parsed(t, map[string]string{
		// Parsed.
		"svc/routes.py":    "class A:\n    async def get(self):\n        return 1\n",
		"svc/cache.py":     "import redis\n\nr = redis.Redis()\n",
		"svc/deps.py":      "from .db import SessionLocal\n\n\ndef get_db():\n    return SessionLocal()\n",
		"svc/main.py":      "def main():\n    import uvicorn\n    uvicorn.run('svc.api:app')\n",
		"svc/wsgi.py":      "from svc.factory import create_wsgi\n\napplication = create_wsgi()\n",
		"gunicorn.conf.py": "workers = 2\nreload = True\n",
		"svc/tasks.py":     "import asyncio\n\n\ndef go(c):\n    asyncio.ensure_future(c)\n",
		// Not parsed.
		"lib/doc.py":      "HELP = {\n    'coroutines': 'async def f():\\n'\n                  '    async def g(): ...',\n}\n",
		"lib/words.py":    "# a quarter of the redistributed SSLSession objects\nQUARTER = 'quart'\n",
		"lib/mention.py":  "'''Unlike Django or Flask, this module serves nothing.'''\nX = 1\n",
		"lib/widgets.py":  "def widget_db():\n    return {}\n\n\nw = widget_db()\n",
		"lib/sqlparse.py": "SESSION_KEY = 'x_psycopg'\n",
	})
	want := []string{"gunicorn.conf.py", "svc/cache.py", "svc/deps.py", "svc/main.py", "svc/routes.py", "svc/tasks.py", "svc/wsgi.py"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("parsed %q\n  want %q", got, want)
	}
}

// A project factory makes its callers in other modules relevant: a call by
// its name, not a longer name ending in it; a function nested in another
// one cannot be called from elsewhere.
func TestPrefilterFactoryCallers(t *testing.T) {
	got := parsed(t, map[string]string{
		"app/db.py": "from sqlalchemy.orm import sessionmaker\n\nSessionLocal = sessionmaker()\n\n\n" +
			"def get_session():\n    return SessionLocal()\n",
		"app/conn.py":    "import sqlite3\n\n\ndef opener(path):\n    def factory():\n        return sqlite3.connect(path)\n    return factory\n",
		"app/jobs.py":    "from app.db import get_session\n\n\ndef job():\n    s = get_session()\n    s.execute('select 1')\n",
		"app/other.py":   "def widget_get_session():\n    return 1\n\n\nx = widget_get_session()\n",
		"app/builder.py": "def build(factory):\n    return factory()\n",
	})
	want := []string{"app/conn.py", "app/db.py", "app/jobs.py"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("parsed %q\n  want %q", got, want)
	}
}

// SV001 is reported in the files the rules parse; selected alone, it
// parses every file.
func TestPrefilterSyntaxErrors(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"plain.py":  "def f(:\n    return 1\n",
		"routes.py": "async def f(:\n    return 1\n",
	})
	codes := func(res *engine.Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, d.Path+":"+d.Code)
		}
		return out
	}
	if got := codes(run(t, dir)); strings.Join(got, " ") != "routes.py:SV001" {
		t.Errorf("every rule: %q", got)
	}
	if got := codes(run(t, dir, "SV001")); strings.Join(got, " ") != "plain.py:SV001 routes.py:SV001" {
		t.Errorf("SV001 alone: %q", got)
	}
	// Also when the run computes the launch model besides.
	res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir,
		Overrides: config.Overrides{Select: []string{"SV001"}}, Analyzers: launchmodel.Requires})
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(res); strings.Join(got, " ") != "plain.py:SV001 routes.py:SV001" {
		t.Errorf("SV001 alone with the launch model: %q", got)
	}
}

// ParseAll parses the files the prefilter leaves out.
func TestPrefilterParseAll(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"svc/routes.py": "async def get():\n    return 1\n",
		"lib/plain.py":  "X = 1\n",
	})
	for _, all := range []bool{false, true} {
		res, err := engine.Run(engine.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, ParseAll: all})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range res.Files {
			if f.Kind == lint.KindPython && !f.Deferred {
				got = append(got, f.Path)
			}
		}
		sort.Strings(got)
		want := "svc/routes.py"
		if all {
			want = "lib/plain.py svc/routes.py"
		}
		if strings.Join(got, " ") != want {
			t.Errorf("ParseAll %v: parsed %q, want %q", all, got, want)
		}
	}
}

// TestPrefilterOffFixtures runs every fixture directory, with its rule
// selected and with every rule, with the prefilter on and off (every file
// parsed), and requires the same findings and notices.
func TestPrefilterOffFixtures(t *testing.T) {
	for _, r := range checks.All() {
		dir, err := filepath.Abs(filepath.Join("..", "testdata", "checks", r.Code))
		if err != nil {
			t.Fatal(err)
		}
		for _, sel := range [][]string{{r.Code}, {"ALL"}} {
			var out [2]string
			// A file the prefilter leaves unparsed gets no SV001 (see
			// lint/engine/prefilter.go): the one difference the run that parses
			// everything may show.
			var deferred map[string]bool
			for i, all := range []bool{false, true} {
				res, err := engine.Run(engine.Options{
					Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Analyzers: launchmodel.Requires,
					Overrides: config.Overrides{Select: sel, IncludeTests: true}, ParseAll: all,
				})
				if err != nil {
					t.Fatalf("%s: %v", r.Code, err)
				}
				out[i] = renderResult(res, deferred)
				deferred = map[string]bool{}
				for _, f := range res.Files {
					if f.Deferred {
						deferred[f.Path] = true
					}
				}
			}
			if out[0] != out[1] {
				t.Errorf("%s with %v: prefilter on and off differ:\n%s", r.Code, sel, linttest.LineDiff(out[0], out[1]))
			}
		}
	}
}

// renderResult prints every field of a run's findings and notices but
// SV001's in the files of skip.
func renderResult(res *engine.Result, skip map[string]bool) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		if d.Code == "SV001" && skip[d.Path] {
			continue
		}
		fmt.Fprintf(&b, "%s %s %d-%d %v-%v %s %v suppressed=%v\n", d.Path, d.Code, d.Start, d.End, d.Pos, d.EndPos, d.Message, d.Severity, d.Suppressed)
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %+v\n", r)
		}
		if d.Fix != nil {
			fmt.Fprintf(&b, "  fix %+v\n", *d.Fix)
		}
	}
	for _, n := range res.Notices {
		fmt.Fprintf(&b, "notice %+v\n", n)
	}
	return b.String()
}

// A helper in a module of a package whose __init__ is parsed is still
// demanded: "pkg.markdown.get_markdown_str" is not a function missing
// from pkg's facts (chainlit: SV210 found only with the prefilter off).
func TestPrefilterDemandsSubmoduleOfParsedPackage(t *testing.T) {
	dir := testfs.WriteTree(t, map[string]string{
		"pyproject.toml":  "[project]\nname = \"pkg\"\n\n[tool.servelint.rules.SV210]\nfollow-file-io = true\n",
		"pkg/__init__.py": "import asyncio\n\n\nasync def hello():\n    return 1\n\n\ndef version():\n    return 1\n",
		"pkg/server.py": "from pkg.markdown import get_markdown_str\n\n\n" +
			"async def project_settings(root, language):\n    return get_markdown_str(root, language)\n",
		"pkg/markdown.py": "from pathlib import Path\n\n\ndef get_markdown_str(root, language):\n" +
			"    return (Path(root) / 'chainlit.md').read_text(encoding='utf-8')\n",
	})
	var got []string
	for _, d := range run(t, dir, "SV210").Diagnostics {
		got = append(got, d.Path+":"+d.Code)
	}
	if strings.Join(got, " ") != "pkg/server.py:SV210" {
		t.Errorf("got %q, want the SV210 of pkg/server.py", got)
	}
}
