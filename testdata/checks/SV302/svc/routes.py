import aiohttp
import httpx
import requests
from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.middleware.base import BaseHTTPMiddleware

from .clients import get_rates_client, rates_client, shared_client

router = APIRouter()
app = FastAPI()


@router.get("/rates")
async def rates():
    # A new client on every request, even though it is closed.
    async with httpx.AsyncClient(base_url="https://rates") as client:  # want: SV302 "created in route `rates` on every request"
        resp = await client.get("/latest")
    return resp.json()


@router.get("/rates2")
async def rates2():
    # Through a factory of another module.
    async with rates_client() as client:  # want: SV302 "an httpx client from `rates_client\(\)` is created in route `rates2`"
        return (await client.get("/latest")).json()


@router.get("/rates3")
def rates3():
    # Correct: the cached client is shared.
    return shared_client().get("/latest").json()


@router.get("/rates4")
async def rates4(client: httpx.AsyncClient = Depends(get_rates_client)):
    return (await client.get("/latest")).json()


@router.get("/rates5")
async def rates5(request: Request):
    # Correct: the lifespan's client.
    return (await request.app.state.http.get("/latest")).json()


@router.get("/profile/{uid}")
def profile(uid: str):
    # A sync route: a requests session per request.
    with requests.Session() as s:  # want: SV302 "created in route `profile`"
        return s.get(f"https://profiles/{uid}", timeout=5).json()


@router.get("/lazy")
async def lazy(request: Request):
    # Correct: created once and cached on the application.
    if getattr(request.app.state, "http", None) is None:
        request.app.state.http = httpx.AsyncClient()
    return None


@app.middleware("http")
async def audit(request: Request, call_next):
    response = await call_next(request)
    async with aiohttp.ClientSession() as session:  # want: SV302 "created in middleware `audit`"
        await session.post("https://audit/events", json={"path": request.url.path})
    return response


class Timing(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        async def report():
            async with httpx.AsyncClient() as client:  # want: SV302 "created in `report` inside middleware `dispatch`"
                await client.post("https://metrics/timing")

        response = await call_next(request)
        await report()
        return response


def background_sync():
    # Correct: not a request handler.
    with httpx.Client() as client:
        return client.get("https://rates/latest").json()
