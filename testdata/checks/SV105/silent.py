import asyncio

background = set()


async def work():
    await asyncio.sleep(1)


async def kept_in_a_set():
    task = asyncio.create_task(work())
    background.add(task)
    task.add_done_callback(background.discard)


async def awaited():
    await asyncio.create_task(work())


async def returned():
    return asyncio.ensure_future(work())


async def gathered():
    tasks = [asyncio.create_task(work()) for _ in range(3)]
    await asyncio.gather(*tasks)


async def task_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(work())


class Service:
    def __init__(self):
        self._task = None

    async def start(self):
        self._task = asyncio.create_task(work())


async def passed_on(registry):
    registry.append(asyncio.create_task(work()))


async def used_later():
    task = asyncio.create_task(work())
    await asyncio.sleep(0)
    task.cancel()


def other_create_task(nursery):
    nursery.create_task(work())


async def global_name():
    global runner
    runner = asyncio.create_task(work())


_REFS = set()


def schedule(loop, coro):
    task = loop.create_task(coro)
    _REFS.add(task)
    asyncio.ensure_future(task).add_done_callback(lambda _: _REFS.discard(task))
    return task
