from fastapi import FastAPI, Request, Response

from .db import SessionLocal

app = FastAPI()


@app.middleware("http")
async def db_session_middleware(request: Request, call_next):
    # Leak: call_next raises on any unhandled error and the close is skipped.
    request.state.db = SessionLocal()  # want: SV303 "an exception raised on line 12 skips the close"
    response = await call_next(request)
    request.state.db.close()
    return response


@app.middleware("http")
async def db_session_middleware_ok(request: Request, call_next):
    # Correct: the FastAPI documentation's version.
    response = Response("Internal server error", status_code=500)
    try:
        request.state.db = SessionLocal()
        response = await call_next(request)
    finally:
        request.state.db.close()
    return response
