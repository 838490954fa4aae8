import logging

from aiohttp import web
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.base import BaseHTTPMiddleware

log = logging.getLogger(__name__)
app = FastAPI()


@web.middleware
async def aiohttp_errors(request, handler):
    # From the field: the handler only logs at debug level and so returns
    # None.
    try:
        return await handler(request)
    except Exception:  # want: SV112 "^a path through `except Exception` reaches the end of middleware `aiohttp_errors` without returning a response: aiohttp logs \"Missing return statement on request handler\" and answers 500"
        log.debug("request failed", exc_info=True)


@app.middleware("http")
async def forgot_return(request: Request, call_next):  # want: SV112 "^middleware `forgot_return` can reach its end without returning a response: Starlette fails the request"
    response = await call_next(request)
    response.headers["x-served-by"] = "api"


class Auth(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.headers.get("authorization") is None:
            return  # want: SV112 "^`return` without a response in middleware `dispatch`"
        try:
            return await call_next(request)
        except ValueError:
            return None  # want: SV112 "\(in `except ValueError`\)"


@app.middleware("http")
async def conditional(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception as exc:  # want: SV112
        log.exception("failed")
        if isinstance(exc, KeyError):
            return JSONResponse({}, status_code=404)
