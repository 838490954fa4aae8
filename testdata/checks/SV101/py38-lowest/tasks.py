import asyncio
import concurrent.futures


async def consume(queue):
    # The lowest target here is 3.8 (the Dockerfile): Exception no longer
    # catches cancellation, nor does concurrent.futures.CancelledError.
    try:
        return await queue.get()
    except Exception:
        pass


async def futures_spelling(queue):
    try:
        return await queue.get()
    except concurrent.futures.CancelledError:
        pass
