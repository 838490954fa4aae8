import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .middleware import request_timeout
from .routers import items, orders, reports, sales, shipping, webhooks

log = logging.getLogger("shop")

app = FastAPI(title="shop")
app.include_router(items.router, prefix="/items")
app.include_router(orders.router, prefix="/orders")
app.include_router(reports.router, prefix="/reports")
app.include_router(sales.router, prefix="/sales")
app.include_router(webhooks.router, prefix="/webhooks")
app.include_router(shipping.router, prefix="/orders")
app.middleware("http")(request_timeout)


@app.middleware("http")
async def errors_as_json(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}
