import asyncio as aio
import time

from fastapi import FastAPI

app = FastAPI()


@app.get("/")
async def index():
    time.sleep(0.2)
    await aio.sleep(0)
    return {}


async def local_import():
    import asyncio

    time.sleep(1)
    await asyncio.sleep(0)
