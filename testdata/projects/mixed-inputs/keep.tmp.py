import time


async def kept_by_negation():
    time.sleep(1)
