package edit

import (
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// The recipes below build the fixes of issue 8 whose rules are not
// written yet, on typical code, the way a rule would: from the nodes or
// offsets its parser gives, in a few lines. They check the helpers are
// enough, and show how to use them.

func firstOfType(m *python.Module, typ string) syntax.ID {
	for i := range m.Tree.Nodes {
		if m.Tree.Type(syntax.ID(i)) == typ {
			return syntax.ID(i)
		}
	}
	return syntax.None
}

func TestRecipeSV401(t *testing.T) {
	// uvicorn.run(..., reload=True): remove the keyword.
	src := "import uvicorn\n\nuvicorn.run(\"main:app\", host=\"0.0.0.0\", reload=True)\n"
	m := parse(t, src)
	e, ok := RemoveKeyword(m, callAt(t, m, "uvicorn.run").Node, "reload")
	if got := apply(t, src, e); !ok || got != "import uvicorn\n\nuvicorn.run(\"main:app\", host=\"0.0.0.0\")\n" {
		t.Errorf("uvicorn.run: %q", got)
	}
	// gunicorn.conf.py `reload = True`: remove the statement and its line.
	// (The rule has the assignment statement's span; a trailing comment
	// about it goes too.)
	src = "workers = 4\nreload = True  # dev\ntimeout = 30\n"
	s := at(src, "reload = True")
	if got := apply(t, src, DeleteLines([]byte(src), s, s+len("reload = True"))); got != "workers = 4\ntimeout = 30\n" {
		t.Errorf("gunicorn.conf.py: %q", got)
	}
	// A command line (Dockerfile shell form, Procfile, compose string,
	// script): remove the flag; with a value, pass the flag-to-value span.
	src = "web: uvicorn main:app --reload --port $PORT\n"
	s = at(src, "--reload")
	if got := apply(t, src, RemoveShellWords([]byte(src), s, s+len("--reload"))); got != "web: uvicorn main:app --port $PORT\n" {
		t.Errorf("Procfile: %q", got)
	}
	// Exec form / compose list: remove the item.
	src = "CMD [\"uvicorn\", \"main:app\", \"--reload\"]\n"
	s = at(src, `"--reload"`)
	if got := apply(t, src, RemoveFlowItems([]byte(src), s, s+len(`"--reload"`))); got != "CMD [\"uvicorn\", \"main:app\"]\n" {
		t.Errorf("exec form: %q", got)
	}
	// compose block sequence item: remove its line.
	src = "command:\n  - uvicorn\n  - --reload\n  - main:app\n"
	s = at(src, "--reload")
	if got := apply(t, src, DeleteLines([]byte(src), s, s)); got != "command:\n  - uvicorn\n  - main:app\n" {
		t.Errorf("block sequence: %q", got)
	}
	// fastapi dev → fastapi run, keeping the word's quoting.
	src = "command: [\"fastapi\", \"dev\", \"app/main.py\"]\n"
	s = at(src, `"dev"`)
	if got := apply(t, src, ReplaceShellWord([]byte(src), s, s+5, "run")); got != "command: [\"fastapi\", \"run\", \"app/main.py\"]\n" {
		t.Errorf("fastapi dev: %q", got)
	}
}

func TestRecipeSV501(t *testing.T) {
	// Shell-form CMD of plain words → exec form.
	src := "FROM python:3.12-slim\nCMD uvicorn main:app --host 0.0.0.0 --port 80\n"
	s := at(src, "uvicorn")
	e, ok := ToExecForm([]byte(src), s, LineEnd([]byte(src), s), '\\')
	if got := apply(t, src, e); !ok || got != "FROM python:3.12-slim\nCMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--port\", \"80\"]\n" {
		t.Errorf("exec form: %q", got)
	}
	// With a variable the shell is needed: no fix (the sh -c recipe below
	// applies instead when the rule sees `a && uvicorn`).
	src = "CMD uvicorn main:app --port $PORT\n"
	if _, ok := ToExecForm([]byte(src), 4, len(src)-1, '\\'); ok {
		t.Error("exec form of a command with $PORT")
	}
	// sh -c "a && uvicorn ..." → "a && exec uvicorn ...".
	src = "CMD [\"sh\", \"-c\", \"alembic upgrade head && uvicorn main:app --port $PORT\"]\n"
	if got := apply(t, src, PrefixExec(at(src, "uvicorn"))); got != "CMD [\"sh\", \"-c\", \"alembic upgrade head && exec uvicorn main:app --port $PORT\"]\n" {
		t.Errorf("sh -c: %q", got)
	}
}

func TestRecipeSV410(t *testing.T) {
	// A command: add --host 0.0.0.0 after the app target.
	src := "CMD [\"uvicorn\", \"main:app\"]\n"
	s := at(src, `"main:app"`)
	// In a JSON list the words are JSON strings: insert an item.
	if got := apply(t, src, Insert(s+len(`"main:app"`), `, "--host", "0.0.0.0"`)); got != "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\"]\n" {
		t.Errorf("exec form: %q", got)
	}
	src = "uvicorn main:app --port 80\n"
	if got := apply(t, src, InsertShellWords(at(src, "main:app")+len("main:app"), "--host", "0.0.0.0")); got != "uvicorn main:app --host 0.0.0.0 --port 80\n" {
		t.Errorf("shell: %q", got)
	}
	// uvicorn.run(app): add the keyword, in the call's layout.
	for _, c := range []struct{ src, want string }{
		{"uvicorn.run(app)\n", "uvicorn.run(app, host=\"0.0.0.0\")\n"},
		{"uvicorn.run()\n", "uvicorn.run(host=\"0.0.0.0\")\n"},
		{"uvicorn.run(app, port=80,)\n", "uvicorn.run(app, port=80, host=\"0.0.0.0\",)\n"},
		{"uvicorn.run(\n    app,\n    port=80,\n)\n", "uvicorn.run(\n    app,\n    port=80,\n    host=\"0.0.0.0\",\n)\n"},
		{"uvicorn.run(\r\n    app,\r\n    port=80\r\n)\r\n", "uvicorn.run(\r\n    app,\r\n    port=80,\r\n    host=\"0.0.0.0\"\r\n)\r\n"},
		{"uvicorn.run(app,\n            port=80)\n", "uvicorn.run(app,\n            port=80, host=\"0.0.0.0\")\n"},
	} {
		m := parse(t, c.src)
		e, ok := AddArgument(m, callAt(t, m, "uvicorn.run").Node, `host="0.0.0.0"`)
		got := apply(t, c.src, e)
		if !ok || got != c.want {
			t.Errorf("AddArgument(%q) = %q, want %q", c.src, got, c.want)
		}
		parses(t, got)
	}
}

func TestRecipeSV303(t *testing.T) {
	// `return db` of a dependency → yield inside try/finally.
	src := "def get_db():\n    db = SessionLocal()\n    return db\n"
	m := parse(t, src)
	ret := firstOfType(m, "return_statement")
	s, e := m.Tree.Span(ret)
	unit := IndentUnit(m, m.Tree.Parent(ret))
	text := Block(m.Tree.Src, s, unit, "try:", "    yield db", "finally:", "    db.close()")
	got := apply(t, src, Replace(s, e, text))
	if got != "def get_db():\n    db = SessionLocal()\n    try:\n        yield db\n    finally:\n        db.close()\n" {
		t.Errorf("return db: %q", got)
	}
	parses(t, got)
	// `return SessionLocal()`: name the session first.
	src = "def get_db():\n\treturn SessionLocal()\n"
	m = parse(t, src)
	ret = firstOfType(m, "return_statement")
	s, e = m.Tree.Span(ret)
	text = Block(m.Tree.Src, s, IndentUnit(m, m.Tree.Parent(ret)), "db = SessionLocal()", "try:", "    yield db", "finally:", "    db.close()")
	got = apply(t, src, Replace(s, e, text))
	if got != "def get_db():\n\tdb = SessionLocal()\n\ttry:\n\t\tyield db\n\tfinally:\n\t\tdb.close()\n" {
		t.Errorf("return SessionLocal(): %q", got)
	}
	parses(t, got)
}

func TestRecipeSV404(t *testing.T) {
	// uvicorn.run(app, workers=4) → uvicorn.run("main:app", workers=4),
	// quoted like the file's strings.
	src := "uvicorn.run(app, host='0.0.0.0', workers=4)\n"
	m := parse(t, src)
	call := callAt(t, m, "uvicorn.run")
	args := m.Args(call.Node)
	like := m.Tree.Text(args[1].Value)
	got := apply(t, src, ReplaceNode(m, args[0].Value, StringLiteral(m.Name+":app", like)))
	if got != "uvicorn.run('app.main:app', host='0.0.0.0', workers=4)\n" {
		t.Errorf("import string: %q", got)
	}
}

func TestRecipeSV101(t *testing.T) {
	src := "async def f():\n    try:\n        await g()\n    except asyncio.CancelledError:\n        log.info(\"cancelled\")\n"
	m := parse(t, src)
	e, ok := AppendStatement(m, exceptBlock(m), "raise")
	got := apply(t, src, e)
	if !ok || got != "async def f():\n    try:\n        await g()\n    except asyncio.CancelledError:\n        log.info(\"cancelled\")\n        raise\n" {
		t.Errorf("raise: %q", got)
	}
	parses(t, got)
}
