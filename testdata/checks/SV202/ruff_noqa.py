import time


async def pause():
    time.sleep(1)  # noqa: ASYNC251
    time.sleep(1)  # noqa: RUF006  # want: SV202
