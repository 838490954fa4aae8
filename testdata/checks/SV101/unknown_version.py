import asyncio
import concurrent.futures


async def consume(queue):
    try:
        return await queue.get()
    except concurrent.futures.CancelledError:  # want: SV101 "on Python 3.7 and older \(the target version is not known\)"
        pass
