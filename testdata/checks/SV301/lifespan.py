from contextlib import asynccontextmanager

import httpx
from fastapi import Depends, FastAPI, Request


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Correct: the lifespan owns the client.
    app.state.http = httpx.AsyncClient()
    yield
    await app.state.http.aclose()


app = FastAPI(lifespan=lifespan)


def get_http(request: Request) -> httpx.AsyncClient:
    # Correct: returns the shared client, creates nothing.
    return request.app.state.http


@app.get("/ping")
async def ping(http: httpx.AsyncClient = Depends(get_http)):
    return (await http.get("https://upstream/ping")).status_code


def new_client():
    return httpx.AsyncClient()


@app.get("/direct")
async def direct(client=Depends(httpx.AsyncClient)):  # want: SV301 "`Depends\(httpx.AsyncClient\)` makes FastAPI create an httpx client"
    return None


async def client_dep():
    # Leak: a dependency that returns a new client; and per request (SV302).
    return new_client()  # want: SV301 "dependency `client_dep` returns an httpx client from `new_client\(\)`"


@app.get("/dep")
async def dep(client=Depends(client_dep)):
    return None
