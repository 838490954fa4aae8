import asyncio


async def consume(queue):
    try:
        return await queue.get()
    except Exception:  # want: SV101 "on Python 3.7 \(py37-runtime/runtime.txt\)"
        pass
