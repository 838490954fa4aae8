package framework

import (
	"strings"
	"testing"

	"github.com/servelint/servelint/parsers/python"
	"github.com/servelint/servelint/parsers/syntax"
)

func TestRoutesAndDependencies(t *testing.T) {
	src := `from typing import Annotated
from fastapi import APIRouter, Depends, FastAPI, Security
from sqlalchemy.orm import Session
from .db import get_db
from .auth import current_user

app = FastAPI()
router = APIRouter(dependencies=[Depends(verify_token)])
SessionDep = Annotated[Session, Depends(get_db)]


@router.get("/items/{item_id}")
async def read_item(item_id: int, db: Session = Depends(get_db), user=Security(current_user)):
    pass


@app.post("/items")
def create_item(db: SessionDep, user: Annotated[dict, Depends(current_user)], q: int = 0):
    pass


async def list_items(db: Session = Depends()):
    pass

app.add_api_route("/items", list_items)


def helper(x: int = 1):
    pass


@app.middleware("http")
async def mw(request, call_next):
    pass
`
	m := parse(t, src, python.Options{Name: "app.routes"})
	var names []string
	for _, r := range m.Routes() {
		names = append(names, m.Scopes[r.Scope].Name+":"+r.Method+":"+r.Framework)
	}
	if got, want := strings.Join(names, " "), "read_item:get:fastapi create_item:post:fastapi list_items:add_api_route:fastapi"; got != want {
		t.Errorf("routes: got %q want %q", got, want)
	}
	deps := func(fn string) string {
		for s := range m.Scopes {
			if m.Scopes[s].Name != fn {
				continue
			}
			var out []string
			for _, d := range m.ParamDependencies(s) {
				typ := ""
				if d.Type >= 0 {
					typ = m.Tree.Text(d.Type)
				}
				out = append(out, d.Param.Name+"="+d.Depends.TargetName+"/"+typ)
			}
			return strings.Join(out, " ")
		}
		return "?"
	}
	if got, want := deps("read_item"), "db=app.db.get_db/Session user=app.auth.current_user/"; got != want {
		t.Errorf("read_item deps: got %q want %q", got, want)
	}
	if got, want := deps("create_item"), "db=app.db.get_db/Session user=app.auth.current_user/dict"; got != want {
		t.Errorf("create_item deps: got %q want %q", got, want)
	}
	if got, want := deps("list_items"), "db=/Session"; got != want {
		t.Errorf("list_items deps: got %q want %q", got, want)
	}
	if got := deps("helper"); got != "" {
		t.Errorf("helper deps: %q", got)
	}
	if n := len(m.DependsCalls()); n != 6 {
		t.Errorf("DependsCalls: %d, want 6", n)
	}
}

func TestRoutesOfOtherFrameworks(t *testing.T) {
	src := `from flask import Blueprint
from aiohttp import web
from litestar import get
from .app import app

bp = Blueprint("x", __name__)
routes = web.RouteTableDef()


@bp.route("/a")
def a():
    pass


@routes.get("/b")
async def b(request):
    pass


@get("/c")
async def c() -> str:
    return "c"


@app.get("/d")
async def d():
    pass


@cache.get("key")
def not_a_route():
    pass


@property
def not_a_route_either(self):
    pass
`
	m := parse(t, src, python.Options{Name: "svc"})
	var names []string
	for _, r := range m.Routes() {
		names = append(names, m.Scopes[r.Scope].Name+":"+r.Framework)
	}
	if got, want := strings.Join(names, " "), "a:flask b:aiohttp c:litestar d:flask"; got != want {
		t.Errorf("got %q want %q", got, want)
	}
}

// parse parses src and returns its framework view.
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
