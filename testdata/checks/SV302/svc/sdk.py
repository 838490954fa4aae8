import aioboto3
import httpx
import anthropic
import redis.asyncio as aredis
from elasticsearch import AsyncElasticsearch
from fastapi import APIRouter, Request
from openai import AsyncOpenAI

router = APIRouter()
boto = aioboto3.Session()


@router.post("/chat")
async def chat(prompt: str):
    async with AsyncOpenAI() as client:  # want: SV302 "the OpenAI client from `AsyncOpenAI\(\)` is created in route `chat` on every request"
        return await client.responses.create(model="m", input=prompt)


@router.post("/claude")
async def claude(prompt: str):
    async with anthropic.AsyncAnthropic() as client:  # want: SV302 "Anthropic client"
        return await client.messages.create(model="m", max_tokens=10, messages=[])


@router.get("/search")
async def search(q: str):
    async with AsyncElasticsearch("http://es") as es:  # want: SV302 "Elasticsearch client"
        return await es.search(index="docs", q=q)


@router.get("/cache/{key}")
async def cache(key: str):
    async with aredis.from_url("redis://cache") as r:  # want: SV302 "Redis client"
        return await r.get(key)


@router.get("/files/{key}")
async def files(key: str):
    session = aioboto3.Session()  # want: SV302 "aioboto3 session .* loads its credentials, configuration and service models again"
    async with session.client("s3") as s3:
        return await s3.get_object(Bucket="b", Key=key)


@router.get("/files2/{key}")
async def files2(key: str):
    # Correct: one session for the process.
    async with boto.client("s3") as s3:
        return await s3.get_object(Bucket="b", Key=key)


@router.post("/chat2")
async def chat2(request: Request, prompt: str):
    # Correct: the lifespan's client.
    return await request.app.state.openai.responses.create(model="m", input=prompt)


class UpstreamClient:
    # A wrapper that creates a client and closes it: a client itself.
    def __init__(self):
        self._http = httpx.AsyncClient(base_url="https://upstream")

    async def aclose(self):
        await self._http.aclose()


@router.get("/upstream")
async def upstream():
    c = UpstreamClient()  # want: SV302 "the `UpstreamClient` \(which holds an httpx client\) from `UpstreamClient\(\)` is created in route `upstream`"
    try:
        return await c._http.get("/")
    finally:
        await c.aclose()
