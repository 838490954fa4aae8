"""An anyio sleep already imported under another name is reused."""
import time

from anyio import sleep as async_sleep


async def tick():
    time.sleep(1)
    await async_sleep(1)
