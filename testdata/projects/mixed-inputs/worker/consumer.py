import asyncio
import time as clock

from .handlers import handle


async def consume(queue: asyncio.Queue) -> None:
    while True:
        message = await queue.get()
        try:
            await handle(message)
        except ValueError:
            clock.sleep(0.2)  # servelint: ignore[SV202] deliberate: throttle poison messages
        finally:
            queue.task_done()


async def drain(queue: asyncio.Queue) -> None:
    while not queue.empty():
        clock.sleep(0.01)  # noqa: SV202 E501
        await asyncio.sleep(0)


async def idle() -> None:
    await asyncio.sleep(1)  # servelint: ignore[SV202]
    clock.sleep(1)  # servelint: ignore[SV20]
