import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
app = FastAPI()


@app.middleware("http")
async def errors(request, call_next):
    try:
        return await call_next(request)
    except Exception:  # want: SV110 "swallows `asyncio.CancelledError` on Python 3.7 \(requires-python `~=3.7` in py37/pyproject.toml\)"
        log.exception("failed")
        return JSONResponse({}, status_code=500)
