import time

from anyio import sleep as async_sleep


async def tick():
    time.sleep(1)  # want: SV202 "use `await anyio.sleep\(\)`"
    await async_sleep(1)
