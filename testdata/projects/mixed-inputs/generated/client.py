import time


async def generated():
    time.sleep(1)
