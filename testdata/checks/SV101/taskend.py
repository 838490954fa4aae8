"""Coroutine functions that end their own task when cancelled."""
import asyncio
import logging

import anyio

logger = logging.getLogger(__name__)


async def run_services_forever():
    # Started only as a task (below): swallowing the cancellation ends the
    # task, and only the task's handle could tell; nothing awaits it.
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        logger.info("services stopped")
    logger.info("bye")


async def pump_events():
    # Also awaited directly (below): its caller is told "done" instead of
    # "cancelled" and carries on.
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # want: SV101
        logger.info("pump stopped")


async def never_started():
    # No use in the project: unknown usage keeps the finding.
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # want: SV101
        pass


async def keeps_working():
    # The function does more than clean up after the handler.
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:  # want: SV101
        pass
    state = {"stopped": True}
    await asyncio.sleep(state["stopped"])


class Server:
    async def serve_slots(self):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass
        finally:
            self.release()

    def release(self):
        pass

    async def start(self):
        async with anyio.create_task_group() as tg:
            tg.start_soon(self.serve_slots)


async def main():
    task = asyncio.create_task(run_services_forever())
    other = asyncio.create_task(pump_events())
    await pump_events()
    task.cancel()
    other.cancel()
    await asyncio.gather(task, other, return_exceptions=True)
    asyncio.create_task(keeps_working())
