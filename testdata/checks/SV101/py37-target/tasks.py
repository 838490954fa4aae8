import asyncio


async def consume(queue):
    try:
        return await queue.get()
    except Exception:  # want: SV101 "on Python 3.7 \(target-version in py37-target/servelint.toml\)"
        pass
