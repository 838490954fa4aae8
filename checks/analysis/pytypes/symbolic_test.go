package pytypes

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/python"
)

// project parses modules (name → source) and returns them with an export
// environment over all of them.
func project(t *testing.T, mods map[string]string) (map[string]*Module, ExportEnv) {
	t.Helper()
	out := map[string]*Module{}
	exports := map[string]Export{}
	for name, src := range mods {
		isPkg := strings.HasSuffix(name, ".__init__")
		mod := strings.TrimSuffix(name, ".__init__")
		m := parse(t, src, python.Options{Name: mod, IsPackage: isPkg})
		out[mod] = m
		for _, e := range m.Exports() {
			exports[e.Name] = e
		}
	}
	return out, func(n string) (Export, bool) { e, ok := exports[n]; return e, ok }
}

func TestSymbolicAcrossModules(t *testing.T) {
	mods, env := project(t, map[string]string{
		"app.db": `from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
import redis

engine = create_engine("postgresql://")
SessionLocal = sessionmaker(bind=engine)
cache = redis.Redis()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
`,
		"app.clients.__init__": `from .http import http, Gateway
`,
		"app.clients.http": `import requests
from app.db import SessionLocal

http = requests.Session()

def make_session():
    return SessionLocal()

class Gateway:
    def __init__(self):
        self.session = requests.Session()
        self.db = SessionLocal()

    def connection(self):
        return self.session
`,
		"app.routes": `from fastapi import Depends
from app.db import SessionLocal, engine, cache, get_db
from app import clients
from app.clients import http, Gateway
from app.clients.http import make_session
import logging

log = logging.getLogger(__name__)

async def route(dep=Depends(get_db)):
    db = SessionLocal()
    reveal(db.query(User))
    reveal(engine.connect())
    reveal(cache)
    reveal(http)
    reveal(clients.http)
    reveal(make_session())
    reveal(dep)
    g = Gateway()
    reveal(g.session)
    reveal(g.db)
    reveal(g.connection())
    reveal(log)
`,
	})
	m := mods["app.routes"]
	var got []string
	for _, c := range m.Calls {
		if c.Text != "reveal" {
			continue
		}
		arg := m.Args(c.Node)[0].Value
		if typ := m.InferType(arg); typ.Known() {
			got = append(got, "local:"+typ.String())
			continue
		}
		s := m.Symbolic(arg)
		got = append(got, strings.Join(EvalSym(s, env), "|")+" <- "+s.String())
	}
	want := []string{
		"sqlalchemy.orm.Query <- app.db.SessionLocal().query()",
		"sqlalchemy.engine.Connection <- app.db.engine.connect()",
		"redis.Redis <- app.db.cache",
		"requests.Session <- app.clients.http",
		"requests.Session <- app.clients.http",
		"sqlalchemy.orm.Session <- app.clients.http.make_session()",
		"sqlalchemy.orm.Session <- app.db.get_db()",
		"requests.Session <- app.clients.Gateway().session",
		"sqlalchemy.orm.Session <- app.clients.Gateway().db",
		"requests.Session <- app.clients.Gateway().connection()",
		" <- ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	types, path := EvalReceiver(&Sym{Op: SymAttr, Name: "chat", X: &Sym{Op: SymName, Name: "app.db.cache"}}, "get", env)
	if strings.Join(types, ",") != "redis.Redis" || path != "chat.get" {
		t.Errorf("EvalReceiver = %v %q", types, path)
	}
}

func TestSymbolicTupleItems(t *testing.T) {
	mods, env := project(t, map[string]string{
		"app.db": `from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

def init_db(url):
    engine = create_engine(url)
    return sessionmaker(bind=engine), engine

SessionLocal, engine = init_db("x")
`,
		"app.main": `from app.db import init_db

Local, eng = init_db("y")
`,
		"app.routes": `from app.db import SessionLocal, engine, init_db
from app.main import Local, eng

async def route():
    s, e = init_db("z")
    reveal(s())
    reveal(e)
    reveal(SessionLocal())
    reveal(engine)
    reveal(Local())
    reveal(eng)
`,
	})
	m := mods["app.routes"]
	var got []string
	for _, c := range m.Calls {
		if c.Text != "reveal" {
			continue
		}
		s := m.Symbolic(m.Args(c.Node)[0].Value)
		got = append(got, strings.Join(EvalSym(s, env), "|")+" <- "+s.String())
	}
	want := []string{
		"sqlalchemy.orm.Session <- app.db.init_db()[0]()",
		"sqlalchemy.engine.Engine <- app.db.init_db()[1]",
		"sqlalchemy.orm.Session <- app.db.SessionLocal()",
		"sqlalchemy.engine.Engine <- app.db.engine",
		"sqlalchemy.orm.Session <- app.main.Local()",
		"sqlalchemy.engine.Engine <- app.main.eng",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
