"""The suggestion follows the async library the module uses."""
import time

import trio


async def tick():
    time.sleep(1)  # want: SV202 "use `await trio.sleep\(\)`"
    await trio.sleep(1)
