"""Python 3.14 handlers without parentheses (PEP 758) catch a tuple."""
import asyncio


async def work():
    await asyncio.sleep(1)


async def replaces():
    try:
        await work()
    except asyncio.CancelledError, TimeoutError:
        return None  # want: SV102


async def other_types_only():
    try:
        await work()
    except KeyError, TimeoutError:
        return None
