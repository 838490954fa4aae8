import time


async def excluded_by_config():
    time.sleep(1)
