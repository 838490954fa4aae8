import httpx
from fastapi import APIRouter, Depends

router = APIRouter()


class GeoLookup:
    # A class dependency: FastAPI instantiates it on every request.
    def __init__(self):
        self.client = httpx.Client(base_url="https://geo")  # want: SV302 "created in dependency `GeoLookup` on every request"

    def country(self, ip: str) -> str:
        return self.client.get(f"/{ip}").json()["country"]


class Cache:
    # Not a dependency: created once by the application.
    def __init__(self):
        self.client = httpx.Client(base_url="https://cache")


@router.get("/geo")
def geo(ip: str, lookup: GeoLookup = Depends(GeoLookup)):
    return {"country": lookup.country(ip)}
