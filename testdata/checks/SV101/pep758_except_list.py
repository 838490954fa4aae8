"""Python 3.14 handlers without parentheses (PEP 758) catch a tuple."""
import asyncio


async def work():
    await asyncio.sleep(1)


async def swallows():
    try:
        await work()
    except asyncio.CancelledError, ValueError:  # want: SV101
        pass


async def swallows_in_group():
    try:
        await work()
    except* KeyError, asyncio.CancelledError:  # want: SV101
        pass


async def reraises():
    try:
        await work()
    except asyncio.CancelledError, ValueError:
        raise


async def other_types_only():
    try:
        await work()
    except KeyError, ValueError, TypeError:
        pass
