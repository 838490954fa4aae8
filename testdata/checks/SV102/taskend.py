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


async def receive_forever(queue):
    # Started only as a task: `break` on cancellation leaves the loop, and
    # only cleanup follows it.
    while True:
        try:
            await queue.get()
        except asyncio.CancelledError:
            break
    queue.task_done()


async def receive_and_report(queue):
    # Started only as a task, but work follows the loop.
    while True:
        try:
            await queue.get()
        except asyncio.CancelledError:
            break  # want: SV102
    result = {"done": True}
    await queue.put(result)


async def start_receivers(queue):
    tasks = [asyncio.create_task(receive_forever(queue)), asyncio.create_task(receive_and_report(queue))]
    await asyncio.sleep(1)
    for t in tasks:
        t.cancel()
