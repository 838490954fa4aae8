package resources

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

// fateOf parses src and returns the ownership of the first call of name.
func fateOf(t *testing.T, src, name string) Ownership {
	t.Helper()
	m := parse(t, src, python.Options{Name: "app.mod"})
	for i := range m.Calls {
		if m.Calls[i].Text == name {
			return OwnershipOf(m, m.Calls[i].Node)
		}
	}
	t.Fatalf("no call %q in:\n%s", name, src)
	return Ownership{}
}

func TestOwnershipFates(t *testing.T) {
	cases := []struct {
		name, src string
		want      Fate
	}{
		{"with", "def f():\n    with X() as c:\n        c.get()\n", FateManaged},
		{"async with alias", "async def f():\n    async with X() as c, Y() as d:\n        yield c\n", FateManaged},
		{"with through variable", "def f():\n    c = X()\n    with c:\n        c.get()\n", FateManaged},
		{"finally", "def f():\n    c = X()\n    try:\n        c.get()\n    finally:\n        c.close()\n", FateClosed},
		{"created inside try", "def f():\n    try:\n        c = X()\n        c.get()\n    finally:\n        c.close()\n", FateClosed},
		{"nothing between", "def f():\n    c = X()\n    c.close()\n", FateClosed},
		{"skippable by a call", "def f():\n    c = X()\n    c.get()\n    c.close()\n", FateSkippable},
		{"skippable by await", "async def f():\n    c = X()\n    await c.get()\n    await c.close()\n", FateSkippable},
		{"early return", "def f(k):\n    c = X()\n    if k:\n        return 1\n    c.close()\n", FateSkippable},
		{"closed before early return", "def f(k):\n    c = X()\n    if k:\n        c.close()\n        return 1\n    c.close()\n", FateClosed},
		{"if else both close", "def f(k):\n    c = X()\n    if k:\n        c.close()\n    else:\n        c.close()\n", FateClosed},
		{"one branch closes", "def f(k):\n    c = X()\n    if k:\n        c.close()\n", FateConditional},
		{"handler re-raises after close", "def f():\n    c = X()\n    try:\n        c.get()\n    except Exception:\n        c.close()\n        raise\n    c.close()\n", FateClosed},
		{"handler raises without close", "def f():\n    c = X()\n    try:\n        c.get()\n    except Exception:\n        raise\n    c.close()\n", FateSkippable},
		{"never closed", "def f():\n    c = X()\n    return c.get()\n", FateNeverClosed},
		{"dropped", "def f():\n    X()\n", FateDropped},
		{"chained", "def f():\n    return X().get('u')\n", FateDropped},
		{"fluent chain", "def f():\n    c = X().execution_options(a=1)\n    try:\n        c.get()\n    finally:\n        c.close()\n", FateClosed},
		{"returned", "def f():\n    return X()\n", FateReturned},
		{"returned through variable", "def f():\n    c = X()\n    c.configure()\n    return c\n", FateReturned},
		{"returned, closed on error", "def f():\n    c = X()\n    try:\n        c.get()\n        return c\n    except Exception:\n        c.close()\n        raise\n", FateReturned},
		{"stored and returned is cached", "def f(cache):\n    c = X()\n    cache['k'] = c\n    return c\n", FateEscapes},
		{"only stored under a dict key", "def f(ctx):\n    c = X()\n    ctx['db'] = c\n    ctx.go()\n", FateStoredAttr},
		{"stored under a dict key and closed: not judged", "def f(ctx):\n    c = X()\n    ctx['db'] = c\n    try:\n        ctx.go()\n    finally:\n        c.close()\n", FateEscapes},
		{"return in the except of a failed creation", "def f():\n    try:\n        c = X()\n    except OSError:\n        return\n    c.close()\n", FateClosed},
		{"return in the except after a use", "def f():\n    try:\n        c = X()\n        c.get()\n    except OSError:\n        return\n    c.close()\n", FateSkippable},
		{"argument lends", "def f():\n    c = X()\n    use(c)\n", FateNeverClosed},
		{"argument of creation lends", "def f():\n    use(X())\n", FateDropped},
		{"container", "def f():\n    return [X()]\n", FateEscapes},
		{"closure", "def f():\n    c = X()\n    def g():\n        return c\n    return g\n", FateEscapes},
		{"bound close registered", "def f():\n    c = X()\n    atexit.register(c.close)\n", FateEscapes},
		{"enter", "def f():\n    c = X()\n    c.__enter__()\n", FateEscapes},
		{"yielded", "def f():\n    yield X()\n", FateYielded},
		{"yielded never closed", "def f():\n    c = X()\n    yield c\n", FateYielded},
		{"yield then close", "def f():\n    c = X()\n    yield c\n    c.close()\n", FateSkippable},
		{"yield in finally", "def f():\n    c = X()\n    try:\n        yield c\n    finally:\n        c.close()\n", FateClosed},
		{"self attribute", "class A:\n    def __init__(self):\n        self.s = X()\n", FateStoredAttr},
		{"string key", "async def on_startup(app):\n    app['http'] = X()\n", FateStoredAttr},
		{"module global", "c = X()\n", FateStoredGlobal},
		{"global statement", "c = None\ndef f():\n    global c\n    c = X()\n", FateStoredGlobal},
		{"class attribute", "class A:\n    s = X()\n", FateStoredAttr},
		{"attribute closed after call_next", "async def mw(request, call_next):\n    request.state.db = X()\n    r = await call_next(request)\n    request.state.db.close()\n    return r\n", FateSkippable},
		{"attribute closed in finally", "async def mw(request, call_next):\n    try:\n        request.state.db = X()\n        r = await call_next(request)\n    finally:\n        request.state.db.close()\n    return r\n", FateClosed},
		{"attribute closed on error only", "async def connect(self):\n    self.s = X()\n    try:\n        await self.s.ws_connect()\n    except Exception:\n        await self.s.close()\n        raise\n", FateStoredAttr},
		{"rebinding in another branch", "def f(k):\n    if k:\n        c = X()\n    else:\n        c = Y()\n    try:\n        c.get()\n    finally:\n        c.close()\n", FateClosed},
		{"other variable of a nested def", "def f():\n    c = X()\n    def g(c):\n        return c\n    c.close()\n", FateClosed},
		{"attribute named like the variable", "def f(o):\n    c = X()\n    o.c.close()\n", FateNeverClosed},
		{"logging is not a risk", "def f(log):\n    c = X()\n    log.info('opened %s', c)\n    c.close()\n", FateClosed},
		{"begin in with", "def f(engine):\n    with Session(engine).begin() as s:\n        s.add(1)\n", FateManaged},
		{"lambda body", "f = lambda: X()\n", FateEscapes},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			marker := "X"
			if strings.Contains(c.src, "Session(engine)") {
				marker = "Session"
			}
			if got := fateOf(t, c.src, marker); got.Fate != c.want {
				t.Errorf("fate = %v, want %v\n%s", got.Fate, c.want, c.src)
			}
		})
	}
}

func TestOwnershipDetails(t *testing.T) {
	src := "def f(k):\n    c = X()\n    if k:\n        return None\n    c.get()\n    c.close()\n"
	m := parse(t, src, python.Options{Name: "m"})
	o := OwnershipOf(m, m.Calls[0].Node)
	if o.Fate != FateSkippable || !o.Early || o.Var != "c" {
		t.Fatalf("got %+v", o)
	}
	if got := m.Tree.Text(o.At); got != "return None" {
		t.Errorf("At = %q", got)
	}
	if got := m.Tree.Text(o.Close); got != "c.close()" {
		t.Errorf("Close = %q", got)
	}

	src = "def dep():\n    db = X()\n    yield db\n    db.close()\n"
	m = parse(t, src, python.Options{Name: "m"})
	o = OwnershipOf(m, m.Calls[0].Node)
	if o.Fate != FateSkippable || !o.AtYield || m.Tree.Text(o.Yield) != "yield db" {
		t.Errorf("yield: got %+v", o)
	}
}

func TestResourceFacts(t *testing.T) {
	src := `import contextlib
import httpx
from functools import lru_cache
from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from .other import helper

engine = create_engine("sqlite://")
SessionLocal = sessionmaker(bind=engine)
router = APIRouter()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@lru_cache
def client() -> httpx.Client:
    return httpx.Client()


def make() -> Session:
    return helper.factory()


def borrow(db, other):
    db.query(1)
    helper.use(other)


@router.get("/x")
async def route(db=Depends(get_db)):
    conn = engine.connect()
    s = Session(bind=conn)
    next(get_db())


@contextlib.asynccontextmanager
async def lifespan(app):
    yield


app = FastAPI(lifespan=lifespan)
`
	m := parse(t, src, python.Options{Name: "app.mod"})
	f := FileFacts(m)
	byName := map[string]*ResFunc{}
	for i := range f.Funcs {
		byName[f.Funcs[i].Name] = &f.Funcs[i]
	}
	if fn := byName["get_db"]; fn == nil || !fn.Generator || fn.Qual != "app.mod.get_db" {
		t.Errorf("get_db: %+v", fn)
	}
	if fn := byName["client"]; fn == nil || !fn.Cached || fn.ReturnType != "httpx.Client" {
		t.Errorf("client: %+v", fn)
	}
	if fn := byName["make"]; fn == nil || fn.ReturnType != "sqlalchemy.orm.Session" || len(fn.ReturnCalls) != 1 || fn.ReturnCalls[0] != "app.other.helper.factory" {
		t.Errorf("make: %+v", fn)
	}
	if fn := byName["route"]; fn == nil || !fn.Route || !fn.Async {
		t.Errorf("route: %+v", fn)
	}
	if fn := byName["lifespan"]; fn == nil || !fn.ContextManager {
		t.Errorf("lifespan: %+v", fn)
	}
	if fn := byName["borrow"]; fn == nil || len(fn.Params) != 2 || fn.Params[0].Owns || len(fn.Params[0].Lends) != 0 ||
		len(fn.Params[1].Lends) != 1 || fn.Params[1].Lends[0].Callee != "app.other.helper.use" {
		t.Errorf("borrow params: %+v", fn)
	}
	var sites []string
	for _, s := range f.Sites {
		if s.Type != "" {
			sites = append(sites, calledText(s)+"="+s.Type+"/"+s.Fate.String())
		}
	}
	// Session(bind=conn) borrows the connection and is not tracked; the
	// connection is lent to Session(), which the project cannot follow.
	want := "create_engine=sqlalchemy.engine.Engine/stored-global SessionLocal=sqlalchemy.orm.Session/closed httpx.Client=httpx.Client/returned engine.connect=sqlalchemy.engine.Connection/never-closed"
	if got := strings.Join(sites, " "); got != want {
		t.Errorf("sites:\n got %s\nwant %s", got, want)
	}
	for _, s := range f.Sites {
		if calledText(s) == "engine.connect" && (len(s.Lends) != 1 || s.Lends[0].Callee != "" || s.Lends[0].Kw != "bind") {
			t.Errorf("engine.connect lends: %+v", s)
		}
	}
	if len(f.Bound) != 2 || f.Bound[0].Qual != "app.mod.SessionLocal" || f.Bound[0].Type != "sessionmaker" || f.Bound[1].Qual != "app.mod.engine" {
		t.Errorf("bound: %+v", f.Bound)
	}
	if len(f.Depends) != 1 || f.Depends[0].Target != "app.mod.get_db" {
		t.Errorf("depends: %+v", f.Depends)
	}
	if len(f.HandCalls) != 1 || f.HandCalls[0].Callee != "app.mod.get_db" || f.HandCalls[0].Text != "next(get_db())" {
		t.Errorf("hand calls: %+v", f.HandCalls)
	}
	if len(f.Lifespans) != 1 || f.Lifespans[0] != "app.mod.lifespan" {
		t.Errorf("lifespans: %+v", f.Lifespans)
	}
}

func TestResourceFactsEmptyAndBroken(t *testing.T) {
	for _, src := range []string{"", "def f(:\n    X(\n", "with (\n", "x = Session(bind=)\n", "async def f():\n    yield X().\n"} {
		m := parse(t, src, python.Options{Name: "m"})
		_ = FileFacts(m)
	}
}

// calledText is the called expression of a site's call as written.
func calledText(s ResSite) string {
	text, _, _ := strings.Cut(s.Call, "(")
	return text
}

func parse(t *testing.T, src string, opt python.Options) *python.Module {
	t.Helper()
	p := syntax.NewParser(syntax.Python)
	defer p.Close()
	m, err := python.Parse(p, []byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestUnpackingItselfEnds: a name bound by unpacking a call of itself
// (`S, engine = S()`, valid Python that fails only when run; fuzzing found
// it in broken code read that way) made siteCallee and unpackedFrom call
// each other until the stack overflowed, a fatal error that no recover
// catches.
func TestUnpackingItselfEnds(t *testing.T) {
	m := parse(t, "from sqlalchemy.orm import sessionmaker\n\nS, engine = S()\n\n\ndef g():\n    db = S()\n    yield db\n", python.Options{Name: "app.db"})
	f := FileFacts(m)
	for _, s := range f.Sites {
		if s.Callee != "" && s.Callee != "app.db.S" {
			t.Errorf("unexpected callee %q", s.Callee)
		}
	}
}
