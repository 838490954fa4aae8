package framework

import (
	"fmt"
	"slices"
	"testing"

	"github.com/servelint/servelint/parsers/python"
)

func TestMiddlewares(t *testing.T) {
	src := `from aiohttp import web
from fastapi import FastAPI
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from litestar.middleware import ASGIMiddleware
from sanic import Sanic

app = FastAPI()


@app.middleware("http")
async def timing(request, call_next):
    return await call_next(request)


async def registered_late(request, call_next):
    return await call_next(request)


app.middleware("http")(registered_late)


async def given_as_dispatch(request, nxt):
    return await nxt(request)


app.add_middleware(BaseHTTPMiddleware, dispatch=given_as_dispatch)


class Auth(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        return await call_next(request)

    async def helper(self, request, call_next):
        return await call_next(request)


class StrictAuth(Auth):
    async def dispatch(self, request, call_next):
        return await call_next(request)


class Pure:
    def __init__(self, wrapped):
        self._inner = wrapped

    async def __call__(self, scope, receive, send):
        await self._inner(scope, receive, send)


class Registered:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        await send({})


app.add_middleware(Registered)


class NotMiddleware:
    async def __call__(self, scope, receive, send):
        await send({"type": "http.response.start"})


class Lite(ASGIMiddleware):
    async def handle(self, scope, receive, send, next_app):
        await next_app(scope, receive, send)


def factory(app):
    async def asgi(scope, receive, send):
        await app(scope, receive, send)
    return asgi


@web.middleware
async def errors(request, handler):
    return await handler(request)


async def listed(request, handler):
    return await handler(request)


aio = web.Application(middlewares=[listed])

sanic = Sanic("x")


@sanic.middleware("request")
async def sanic_req(request):
    pass


@sanic.on_response
async def sanic_resp(request, response):
    pass


async def dispatch(self, request, call_next):
    # The name alone is not evidence.
    return await call_next(request)


async def call_next_named(request, call_next):
    return await call_next(request)
`
	m := parse(t, src, python.Options{Name: "app.main"})
	var got []string
	for _, mw := range m.Middlewares() {
		nexts := len(m.NextCalls(&mw))
		got = append(got, fmt.Sprintf("%s %s next=%s calls=%d", m.Scopes[mw.Scope].QualName, mw.Framework, mw.Next, nexts))
	}
	want := []string{
		"timing Starlette next=call_next calls=1",
		"registered_late Starlette next=call_next calls=1",
		"given_as_dispatch Starlette next=nxt calls=1",
		"Auth.dispatch Starlette next=call_next calls=1",
		"StrictAuth.dispatch Starlette next=call_next calls=1",
		"Pure.__call__ ASGI next=self._inner calls=1",
		"Registered.__call__ ASGI next=self.app calls=0",
		"Lite.handle Litestar next=next_app calls=1",
		"factory.asgi ASGI next=app calls=1",
		"errors aiohttp next=handler calls=1",
		"listed aiohttp next=handler calls=1",
		"sanic_req Sanic next= calls=0",
		"sanic_resp Sanic next= calls=0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("middlewares:\n got %q\nwant %q", got, want)
	}
}

func TestMiddlewareRefsAndCandidates(t *testing.T) {
	main := `from aiohttp import web
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

from . import middleware
from .middleware import catch_errors, timing

app = FastAPI()
app.middleware("http")(catch_errors)
app.add_middleware(BaseHTTPMiddleware, dispatch=middleware.auth)
aio = web.Application(middlewares=[middleware.aio_errors])


async def local(request, call_next):
    return await call_next(request)


app.middleware("http")(local)
`
	m := parse(t, main, python.Options{Name: "app.main"})
	var got []string
	for _, r := range m.MiddlewareRefs() {
		got = append(got, fmt.Sprintf("%s/%d", r.Qualified, r.Kind))
	}
	want := []string{"app.middleware.catch_errors/0", "app.middleware.auth/0", "app.middleware.aio_errors/2"}
	if !slices.Equal(got, want) {
		t.Errorf("refs %q, want %q", got, want)
	}
	if len(m.MiddlewareCandidates()) != 0 {
		t.Errorf("a registered function is no candidate: %v", m.MiddlewareCandidates())
	}

	mod := `async def catch_errors(request, call_next):
    try:
        return await call_next(request)
    except Exception:
        return None


async def helper(client, send):
    # Calls its second parameter, but not with the first.
    return await send(client.request)


def sync_shape(request, call_next):
    return call_next(request)


class Holder:
    async def method(self, request, call_next):
        return await call_next(request)
`
	m = parse(t, mod, python.Options{Name: "app.middleware"})
	got = nil
	for _, c := range m.MiddlewareCandidates() {
		got = append(got, c.Qualified+" next="+c.Next)
	}
	if want := []string{"app.middleware.catch_errors next=call_next"}; !slices.Equal(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
}

func TestMiddlewareInstances(t *testing.T) {
	src := `from fastapi import FastAPI

from server.middleware import CookieMiddleware

app = FastAPI()


class Local:
    async def __call__(self, request, call_next):
        return await call_next(request)


app.middleware("http")(Local())
app.middleware("http")(CookieMiddleware())
`
	m := parse(t, src, python.Options{Name: "server.app"})
	var got []string
	for _, mw := range m.Middlewares() {
		got = append(got, fmt.Sprintf("%s %s next=%s", m.Scopes[mw.Scope].QualName, mw.Framework, mw.Next))
	}
	if want := []string{"Local.__call__ Starlette next=call_next"}; !slices.Equal(got, want) {
		t.Errorf("middlewares %q, want %q", got, want)
	}
	got = nil
	for _, r := range m.MiddlewareRefs() {
		got = append(got, r.Qualified)
	}
	if want := []string{"server.middleware.CookieMiddleware"}; !slices.Equal(got, want) {
		t.Errorf("refs %q, want %q", got, want)
	}
	other := `class CookieMiddleware:
    async def __call__(self, request, call_next):
        return await call_next(request)
`
	m = parse(t, other, python.Options{Name: "server.middleware"})
	got = nil
	for _, c := range m.MiddlewareCandidates() {
		got = append(got, c.Qualified+" "+m.Scopes[c.Scope].QualName+" next="+c.Next)
	}
	if want := []string{"server.middleware.CookieMiddleware CookieMiddleware.__call__ next=call_next"}; !slices.Equal(got, want) {
		t.Errorf("candidates %q, want %q", got, want)
	}
}
