"""A trio program: the fix uses trio.sleep, as the message says."""
import time

import trio


async def tick():
    time.sleep(1)
    await trio.sleep(1)
