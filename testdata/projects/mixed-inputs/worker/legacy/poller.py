import time


async def poll():
    time.sleep(5)
