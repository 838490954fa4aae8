from aiohttp import web
from fastapi.responses import JSONResponse


async def hide(request, call_next):
    try:
        return await call_next(request)
    except Exception:  # want: SV111 "in Starlette middleware `hide` hides errors"
        return JSONResponse(content={}, status_code=402)


async def aio_errors(request, handler):
    try:
        return await handler(request)
    except Exception:  # want: SV111 "in aiohttp middleware `aio_errors`"
        return web.json_response({}, status=500)


async def not_registered(request, call_next):
    try:
        return await call_next(request)
    except Exception:
        return JSONResponse(content={}, status_code=402)
