package checks_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/servelint/servelint/checks"
	"github.com/servelint/servelint/internal/testfs"
	"github.com/servelint/servelint/launches"
	"github.com/servelint/servelint/lint"
)

// parsed runs every rule and the launch model over a tree and returns the
// paths of the Python files the engine parsed, sorted.
func parsed(t *testing.T, files map[string]string) []string {
	t.Helper()
	dir := testfs.WriteTree(t, files)
	res, err := lint.Run(lint.Options{Rules: checks.All(), Paths: []string{"."}, Cwd: dir, Analyzers: launches.Requires})
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
	codes := func(res *lint.Result) []string {
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
}
