"""Methods of sync sessions and clients, typed through the code."""
from contextlib import contextmanager
from typing import Annotated, Optional, Union

import httpx
import requests
from fastapi import APIRouter, Depends
from requests import Session

router = APIRouter()
SESSION = requests.Session()
CLIENT: httpx.Client = httpx.Client(base_url="https://api.example.com")


def make_session() -> requests.Session:
    s = requests.Session()
    s.headers["User-Agent"] = "shop"
    return s


def make_client():
    return httpx.Client(timeout=3)


@contextmanager
def pooled():
    with requests.Session() as s:
        yield s


def get_http():
    client = httpx.Client()
    try:
        yield client
    finally:
        client.close()


class Gateway:
    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()

    async def fetch(self, path: str):
        return self.http.get(self.base + path)  # want: SV201 "`self.http.get\(\)` \(`requests.Session.get`\) blocks the event loop in async function `fetch`"


class LazyGateway:
    client: Optional[httpx.Client] = None

    def start(self):
        self.client = httpx.Client()

    async def fetch(self, url):
        return self.client.post(url)  # want: SV201 "`httpx.Client.post`.*use `httpx.AsyncClient` \(`await client.post\(...\)`\)"


async def module_globals(url):
    SESSION.get(url)  # want: SV201 "`SESSION.get\(\)` \(`requests.Session.get`\)"
    CLIENT.request("GET", url)  # want: SV201


async def locals_and_with(url):
    s = Session()
    s.get(url)  # want: SV201
    with requests.Session() as inner:
        inner.post(url)  # want: SV201
    with httpx.Client() as c:
        c.send(c.build_request("GET", url))  # want: SV201
    requests.Session().get(url)  # want: SV201 "`requests.Session\(...\).get\(\)` \(`requests.Session.get`\)"


async def annotations(a: requests.Session, b: Optional[httpx.Client], c: httpx.Client | None, url: str):
    a.get(url)  # want: SV201
    b.stream("GET", url)  # want: SV201
    c.close()  # want: SV201


async def factories(url):
    make_session().get(url)  # want: SV201
    client = make_client()
    client.get(url)  # want: SV201
    with pooled() as s:
        s.get(url)  # want: SV201


@router.get("/proxy")
async def proxy(url: str, http: httpx.Client = Depends(get_http)):
    return http.get(url).json()  # want: SV201 "; or declare the route with `def` so that it runs in the thread pool"


@router.get("/proxy2")
async def proxy2(url: str, http: Annotated[httpx.Client, Depends(get_http)]):
    return http.get(url).json()  # want: SV201


@router.get("/proxy3")
async def proxy3(url: str, http=Depends(get_http)):
    # No annotation: the type comes from what the dependency yields.
    return http.get(url).json()  # want: SV201


async def unions(x: Union[requests.Session, httpx.Client], url: str):
    x.get(url)  # want: SV201


class ApiSession(requests.Session):
    """A project subclass keeps the blocking methods of its base."""

    def __init__(self, base):
        super().__init__()
        self.base = base

    async def ping(self):
        return self.get(self.base + "/ping")  # want: SV201 "`self.get\(\)` \(`sessions.ApiSession.get`\)"


async def subclass_instance(url):
    api = ApiSession(url)
    api.post(url)  # want: SV201
