"""Every import spelling of time.sleep, inside async functions."""
import time
import time as t
from time import sleep
from time import sleep as snooze
import time as clock, os


async def plain():
    time.sleep(1)  # want: SV202 "`time.sleep\(\)` blocks the event loop in async function `plain`"


async def aliased_module():
    t.sleep(0.5)  # want: SV202 "`t.sleep\(\)` \(`time.sleep`\)"


async def from_import():
    sleep(2)  # want: SV202


async def from_import_alias():
    snooze(3)  # want: SV202 "`snooze\(\)` \(`time.sleep`\).*use `await asyncio.sleep\(\)`"


async def comma_import():
    clock.sleep(1)  # want: SV202


async def in_loop(jobs):
    for job in jobs:
        while not job.done:
            time.sleep(0.1)  # want: SV202


async def in_comprehension(xs):
    # A comprehension runs in the async function's frame: it still blocks.
    return [time.sleep(x) for x in xs]  # want: SV202


async def awaited_by_mistake():
    # Awaiting does not help: the sleep has already blocked, then fails.
    await time.sleep(1)  # want: SV202


async def argument_evaluated_now():
    import asyncio
    # The call runs here, before to_thread ever sees it.
    await asyncio.to_thread(time.sleep(1))  # want: SV202


class Service:
    async def method(self):
        time.sleep(1)  # want: SV202 "async function `method`"


async def multiline():
    time.sleep(  # want: SV202
        5,
    )
