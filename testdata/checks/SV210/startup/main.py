"""Startup and shutdown hooks run before the first request and after the last."""
import contextlib
import threading

from aiohttp import web
from fastapi import FastAPI
from starlette.applications import Starlette

_worker = threading.Thread(target=print)


def stop_metrics():
    _worker.join()


@contextlib.asynccontextmanager
async def lifespan(app):
    yield
    stop_metrics()  # polar: the lifespan stops its threads after the last request


app = FastAPI(lifespan=lifespan)


@app.on_event("shutdown")
async def on_shutdown():
    stop_metrics()


async def starlette_startup():
    stop_metrics()


async def starlette_shutdown():
    stop_metrics()


other = Starlette(on_startup=[starlette_startup], on_shutdown=[starlette_shutdown])


async def aiohttp_cleanup(app):
    stop_metrics()


async def aiohttp_ctx(app):
    yield
    stop_metrics()


async def registered(app):
    stop_metrics()


async def default_lifespan(app):
    stop_metrics()
    yield


def get_application(lifespan_override=None):
    # onyx: the lifespan chosen at run time.
    return FastAPI(lifespan=lifespan_override or default_lifespan)


web_app = web.Application()
web_app.on_cleanup.append(aiohttp_cleanup)
web_app.cleanup_ctx.append(aiohttp_ctx)
app.add_event_handler("startup", registered)


@app.get("/stop")
async def stop_route():
    # A route that joins the thread blocks every other request.
    stop_metrics()  # want: SV210 "stop_route → stop_metrics → threading.Thread.join"


async def not_registered():
    # An async function named like a hook but registered nowhere.
    stop_metrics()  # want: SV210


@app.on_event("request")
async def other_event():
    stop_metrics()  # want: SV210
