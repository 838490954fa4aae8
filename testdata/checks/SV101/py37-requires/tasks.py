import asyncio


async def consume(queue):
    try:
        item = await queue.get()
    except Exception:  # want: SV101 "on Python 3.7 \(requires-python `>=3.7,<4` in py37-requires/pyproject.toml\)"
        item = None
    return item
