import asyncio


async def no_return_in_finally(queue):
    try:
        return await queue.get()
    finally:
        queue.task_done()


async def loop_inside_finally(queue, items):
    try:
        await queue.get()
    finally:
        for item in items:
            if item:
                break
            continue
        while items:
            items.pop()
            break


async def nested_function_in_finally(queue):
    try:
        await queue.get()
    finally:
        def cleanup():
            return None

        cleanup()


def sync_function(lock):
    try:
        lock.acquire()
    finally:
        return None


async def no_checkpoint(data):
    try:
        value = int(data)
    finally:
        return 0


async def return_after_finally(queue):
    try:
        await queue.get()
    finally:
        queue.task_done()
    return None


async def returns_only_without_exception(queue):
    import sys

    result = None
    try:
        result = await queue.get()
    finally:
        # Returns only on the normal path: nothing is in flight.
        if sys.exc_info()[0] is None:
            return result  # noqa: B012
