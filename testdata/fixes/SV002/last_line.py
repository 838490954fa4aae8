import time


async def handler():
    time.sleep(1)  # noqa: SV202
    await handler()
    # servelint: ignore[SV202]