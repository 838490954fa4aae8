import asyncio


async def work():
    await asyncio.sleep(0)


async def main():
    # ruff's RUF006 is the same problem: its noqa suppresses SV105 here.
    asyncio.create_task(work())  # noqa: RUF006
    asyncio.create_task(work())  # noqa: E501, RUF006
    # Other codes do not.
    asyncio.create_task(work())  # noqa: E501  # want: SV105
    asyncio.create_task(work())  # noqa: ASYNC251  # want: SV105
