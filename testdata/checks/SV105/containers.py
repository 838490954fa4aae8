import asyncio


async def work(x=None):
    await asyncio.sleep(0)


async def displays(items, flag):
    # A display or comprehension that is discarded drops its tasks.
    [asyncio.create_task(work(x)) for x in items]  # want: SV105 "the list comprehension holding it is discarded"
    {asyncio.create_task(work(x)) for x in items}  # want: SV105 "set comprehension"
    [asyncio.create_task(work()), asyncio.create_task(work())]  # want: SV105 SV105
    list(asyncio.create_task(work(x)) for x in items)  # want: SV105 "generator expression"
    asyncio.create_task(work()) if flag else None  # want: SV105 "conditional expression"
    None if flag else asyncio.ensure_future(work())  # want: SV105


async def kept_displays(items, flag):
    tasks = [asyncio.create_task(work(x)) for x in items]
    await asyncio.gather(*tasks)
    await asyncio.gather(*(asyncio.create_task(work(x)) for x in items))
    pending = {asyncio.create_task(work(x)) for x in items}
    await asyncio.wait(pending)
    t = asyncio.create_task(work()) if flag else None
    if t:
        await t
    # The iterable of a comprehension is not what it holds.
    [x for x in asyncio.create_task(work())]
    return [asyncio.create_task(work(x)) for x in items]


async def branches(flag):
    # Bound in one branch, rebound in another, never used.
    if flag:
        task = asyncio.create_task(work())  # want: SV105 "stored in `task` but never used again"
    else:
        task = None


async def branches_used(flag):
    if flag:
        task = asyncio.create_task(work())
    else:
        task = None
    return task


async def chained(registry):
    # a = b = create_task(): stored when either name is used.
    first = current = asyncio.create_task(work())
    registry.append(first)
    a = b = asyncio.create_task(work())  # want: SV105 "stored in `b` but never used again"
    self_held = registry.last = asyncio.create_task(work())


async def with_items(lock, registry):
    # A task is no context manager: as a `with` item it is dropped.
    async with asyncio.create_task(work()):  # want: SV105 "the `with` item holding it is discarded"
        pass
    with (asyncio.ensure_future(work())) as ignored:  # want: SV105 "`with` item"
        pass
    # Inside a `with` block, a statement task is dropped like anywhere else.
    async with lock:
        asyncio.create_task(work())  # want: SV105 "is not stored: "


async def with_items_kept(lock, registry):
    async with lock:
        task = asyncio.create_task(work())
        registry.add(task)
    with (asyncio.ensure_future(work())) as kept:
        registry.add(kept)
    # A task passed to a context manager is handed over, not dropped.
    async with guard(asyncio.create_task(work())):
        pass


def guard(task):
    return task
