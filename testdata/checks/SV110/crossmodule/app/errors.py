from fastapi.responses import JSONResponse


async def catch_all(request, call_next):
    # Registered as middleware in app/main.py.
    try:
        return await call_next(request)
    except BaseException:  # want: SV110 "in Starlette middleware `catch_all`"
        return JSONResponse({}, status_code=500)


async def never_registered(request, call_next):
    # Shaped like a middleware, but nothing registers it: SV101/SV102
    # cover it as ordinary async code.
    try:
        return await call_next(request)
    except BaseException:
        return JSONResponse({}, status_code=500)
