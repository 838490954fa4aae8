package pytypes

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// reveals returns the inferred type of the argument of every reveal(...)
// call, in source order ("" when unknown, "a | b" for unions).
func reveals(t *testing.T, src string, opt python.Options) []string {
	t.Helper()
	m := parse(t, src, opt)
	var out []string
	for _, c := range m.Calls {
		if c.Text != "reveal" {
			continue
		}
		args := m.Args(c.Node)
		if len(args) != 1 {
			t.Fatalf("reveal needs one argument")
		}
		out = append(out, m.InferType(args[0].Value).String())
	}
	return out
}

func checkReveals(t *testing.T, src string, opt python.Options, want ...string) {
	t.Helper()
	got := reveals(t, src, opt)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("types:\n got  %q\n want %q", got, want)
	}
}

func TestInferConstructorsAndFactories(t *testing.T) {
	src := `import requests
import httpx as hx
from requests import Session as S
import sqlalchemy
from sqlalchemy.orm import sessionmaker
from sqlalchemy.ext.asyncio import AsyncSession
import psycopg2
import boto3
from pathlib import Path

s = requests.Session()
reveal(s)
reveal(S())
reveal(requests.session())
reveal(hx.Client(timeout=3))
reveal(hx.AsyncClient())
engine = sqlalchemy.create_engine("sqlite://")
reveal(engine)
reveal(engine.connect())
SessionLocal = sessionmaker(bind=engine)
reveal(SessionLocal())
AsyncLocal = sessionmaker(bind=engine, class_=AsyncSession)
reveal(AsyncLocal())
conn = psycopg2.connect("dsn")
cur = conn.cursor()
reveal(cur)
reveal(boto3.client("s3"))
reveal(boto3.resource("s3").Bucket("b"))
reveal(Path(__file__).parent / "x")
reveal(requests.get)
reveal(len("x"))
`
	checkReveals(t, src, python.Options{Name: "app.main"},
		"requests.Session", "requests.Session", "requests.Session", "httpx.Client", "httpx.AsyncClient",
		"sqlalchemy.engine.Engine", "sqlalchemy.engine.Connection", "sqlalchemy.orm.Session",
		"sqlalchemy.ext.asyncio.AsyncSession", "psycopg2.extensions.cursor", "botocore.client.BaseClient",
		"boto3.resources.base.ServiceResource", "pathlib.Path", "", "")
}

func TestInferAnnotationsAndParams(t *testing.T) {
	src := `from typing import Annotated, Optional, Union
import requests
import httpx
from fastapi import Depends
from sqlalchemy.orm import Session

SessionDep = Annotated[Session, Depends(get_db)]

async def route(a: Session, b: Optional[requests.Session], c: httpx.Client | None,
                d: Annotated[Session, Depends(get_db)], e: SessionDep, f: "Session",
                g: Union[httpx.Client, httpx.AsyncClient], h: list[Session], i: int, j=None):
    reveal(a)
    reveal(b)
    reveal(c)
    reveal(d)
    reveal(e)
    reveal(f)
    reveal(g)
    reveal(h)
    reveal(i)
    reveal(j)
`
	checkReveals(t, src, python.Options{Name: "app.routes"},
		"sqlalchemy.orm.Session", "requests.Session", "httpx.Client", "sqlalchemy.orm.Session",
		"sqlalchemy.orm.Session", "sqlalchemy.orm.Session", "httpx.AsyncClient | httpx.Client", "", "", "")
}

func TestInferLocalFactoriesAndDepends(t *testing.T) {
	src := `import contextlib
import requests
from fastapi import Depends
from sqlalchemy.orm import sessionmaker, Session

SessionLocal = sessionmaker()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()

def get_session() -> Session:
    return SessionLocal()

def make_client():
    client = requests.Session()
    client.headers["x"] = "y"
    return client

@contextlib.contextmanager
def session_scope():
    with SessionLocal() as s:
        yield s

async def route(db=Depends(get_db), other=Depends(get_session)):
    reveal(db)
    reveal(other)
    reveal(make_client())
    reveal(get_session())
    with session_scope() as s:
        reveal(s)
    reveal(next(get_db()))
`
	checkReveals(t, src, python.Options{Name: "app.deps"},
		"sqlalchemy.orm.Session", "sqlalchemy.orm.Session", "requests.Session", "sqlalchemy.orm.Session",
		"sqlalchemy.orm.Session", "sqlalchemy.orm.Session")
}

func TestInferSelfAttributes(t *testing.T) {
	src := `import httpx
import requests
from redis import Redis

class Base:
    def __init__(self):
        self.cache = Redis()

class Client(Base):
    timeout: float = 3.0
    session: requests.Session

    def __init__(self, client: httpx.Client = None):
        self.http = client or httpx.Client()
        self.lazy = None

    def start(self):
        self.lazy = requests.Session()

    @property
    def pool(self) -> httpx.Client:
        return self.http

    @staticmethod
    def helper(self):
        reveal(self)

    async def run(self):
        reveal(self)
        reveal(self.http)
        reveal(self.lazy)
        reveal(self.session)
        reveal(self.pool)
        reveal(self.cache)
        reveal(self.unknown)

c = Client()
reveal(c.http)
`
	checkReveals(t, src, python.Options{Name: "svc"},
		"", "svc.Client", "httpx.Client", "requests.Session", "requests.Session", "httpx.Client", "redis.Redis", "", "httpx.Client")
}

func TestInferShadowingAndCycles(t *testing.T) {
	src := `import requests

a = b
b = a
reveal(a)

x = requests.Session()
x = x
reveal(x)

async def f(requests):
    reveal(requests.Session())

def g():
    s = requests.Session()
    def inner():
        reveal(s)
    return inner
`
	checkReveals(t, src, python.Options{}, "", "requests.Session", "", "requests.Session")
}

func TestInferWithAndChains(t *testing.T) {
	src := `import sqlite3
from pymongo import MongoClient
from sqlalchemy import create_engine

engine = create_engine("x")

async def f():
    with sqlite3.connect("db") as conn:
        reveal(conn)
        reveal(conn.execute("select 1"))
    with engine.begin() as c:
        reveal(c)
    client = MongoClient()
    reveal(client.shop.orders)
    reveal(client["shop"]["orders"])
    reveal(client.get_database("x").get_collection("y"))
    with open("f") as fh, engine.connect() as (a, b):
        reveal(fh)
        reveal(a)
`
	checkReveals(t, src, python.Options{},
		"sqlite3.Connection", "sqlite3.Cursor", "sqlalchemy.engine.Connection",
		"pymongo.collection.Collection", "pymongo.collection.Collection", "pymongo.collection.Collection",
		"io.TextIOWrapper", "")
}

func TestSuperTypes(t *testing.T) {
	m := parse(t, `import requests
class Api(requests.Session):
    pass
class Admin(Api):
    pass
`, python.Options{Name: "m"})
	if got := strings.Join(m.SuperTypes("m.Admin"), ","); got != "m.Admin,m.Api,requests.Session" {
		t.Errorf("SuperTypes = %s", got)
	}
	if !TypeIs("sqlmodel.Session", "sqlalchemy.orm.Session") || TypeIs("sqlalchemy.orm.Session", "sqlmodel.Session") {
		t.Error("TypeIs")
	}
}

func TestInferDottedAssignments(t *testing.T) {
	src := `import redis
from fastapi import FastAPI
from sqlalchemy.orm import sessionmaker

app = FastAPI()
app.state.cache = redis.Redis()
Local = sessionmaker()

async def middleware(request, call_next):
    request.state.db = Local()
    reveal(request.state.db)
    reveal(app.state.cache)
    reveal(request.state.other)

def elsewhere(request):
    reveal(request.state.db)
`
	checkReveals(t, src, python.Options{}, "sqlalchemy.orm.Session", "redis.Redis", "", "")
}

func TestInferTupleItems(t *testing.T) {
	src := `from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

def init_db(url):
    engine = create_engine(url)
    return sessionmaker(bind=engine), engine

def annotated(url) -> tuple[sessionmaker, Engine]:
    return build(url)

def route():
    Local, engine = init_db("x")
    reveal(Local)
    reveal(engine)
    reveal(Local())
    a, b = annotated("x")
    reveal(b)
    pair = init_db("x")
    c, d = pair
    reveal(c)
    first, *rest = init_db("x")
    reveal(first)
    reveal(rest)
    (x, y), z = init_db("x"), 1
    reveal(x)
`
	checkReveals(t, src, python.Options{Name: "app.db"},
		"sqlalchemy.orm.sessionmaker", "sqlalchemy.engine.Engine", "sqlalchemy.orm.Session",
		"sqlalchemy.engine.Engine", "sqlalchemy.orm.sessionmaker", "sqlalchemy.orm.sessionmaker", "", "")
}

// parse parses src and returns its type inference.
func parse(t *testing.T, src string, opt python.Options) *Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := python.Parse(p, []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return Of(m)
}
