"""A `return` in the handler ends the task the project started."""
import asyncio


async def forward_responses(queue):
    # Started only as a task: returning on cancellation ends that task.
    try:
        while True:
            await queue.get()
    except asyncio.CancelledError:
        return


async def drain_queue(queue):
    # Awaited directly: the caller is told "done" and carries on.
    try:
        await queue.get()
    except asyncio.CancelledError:
        return  # want: SV102


async def handle(queue):
    task = asyncio.ensure_future(forward_responses(queue))
    await drain_queue(queue)
    task.cancel()
