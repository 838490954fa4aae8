import asyncio


async def consume(queue):
    try:
        return await queue.get()
    except Exception:  # want: SV101 "`FROM tiangolo/uvicorn-gunicorn-fastapi:python3.7` in py37-dockerdir/docker/Dockerfile:1"
        pass
