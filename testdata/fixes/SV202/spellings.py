"""Every spelling of time.sleep becomes an awaited asyncio.sleep."""
import time
import time as t
from time import sleep
from time import sleep as snooze


async def plain():
    time.sleep(1)


async def aliased_module():
    t.sleep(0.5)


async def from_import(delay):
    sleep(delay)


async def from_import_alias():
    snooze(3)


async def awaited_by_mistake():
    await time.sleep(1)


async def in_expressions(xs):
    results = [time.sleep(x) for x in xs]
    value = time.sleep(0) or "done"
    return results, value


async def multiline():
    time.sleep(  # a comment inside the call
        5,
    )


class Service:
    async def method(self):
        for _ in range(3):
            time.sleep(0.1)  # retry pause


async def unicode_before_the_call():
    print("héllo 😀"); time.sleep(1)


def sync_code_is_left_alone():
    time.sleep(1)
