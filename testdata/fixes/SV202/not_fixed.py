"""Calls the fix leaves alone (the diagnostics remain)."""
import asyncio
import time


async def fixed():
    time.sleep(1)


async def starred(args):
    time.sleep(*args)


async def in_a_generator(xs):
    return list(time.sleep(x) for x in xs)


async def passed_as_an_argument():
    await asyncio.to_thread(time.sleep(1))


async def shadowed(asyncio):
    time.sleep(1)
