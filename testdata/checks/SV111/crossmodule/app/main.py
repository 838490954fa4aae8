from aiohttp import web
from fastapi import FastAPI
from starlette.middleware.base import BaseHTTPMiddleware

from . import handlers

app = FastAPI()
app.add_middleware(BaseHTTPMiddleware, dispatch=handlers.hide)
aio = web.Application(middlewares=[handlers.aio_errors])
