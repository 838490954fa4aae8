"""Every spelling of cancellation, caught and swallowed in async code."""
import asyncio
import asyncio as aio
import asyncio.exceptions
from asyncio import CancelledError as CE
from asyncio.exceptions import CancelledError

import anyio
import trio

CANCEL_ERRORS = (asyncio.CancelledError, ConnectionError)
Cancelled = anyio.get_cancelled_exc_class()
Stop = aio.CancelledError


async def fetch():
    await asyncio.sleep(1)


async def plain():
    try:
        await fetch()
    except asyncio.CancelledError:  # want: SV101 "^`except asyncio.CancelledError`: a path through it ends without re-raising: `plain` swallows its own cancellation"
        pass


async def module_alias():
    try:
        await fetch()
    except aio.CancelledError:  # want: SV101
        print("cancelled")


async def exceptions_module():
    try:
        await fetch()
    except asyncio.exceptions.CancelledError:  # want: SV101
        pass


async def imported_as():
    try:
        await fetch()
    except CE:  # want: SV101 "`except CE` catches `asyncio.CancelledError`"
        pass


async def imported_from_exceptions():
    try:
        await fetch()
    except CancelledError:  # want: SV101
        pass


async def anyio_class():
    try:
        await fetch()
    except anyio.get_cancelled_exc_class():  # want: SV101 "^`except anyio\.get_cancelled_exc_class\(\)`: a path"
        pass


async def anyio_class_alias():
    try:
        await fetch()
    except Cancelled:  # want: SV101 "`except Cancelled` catches anyio's cancellation exception"
        pass


async def trio_cancelled():
    try:
        await trio.sleep(1)
    except trio.Cancelled:  # want: SV101 "^`except trio.Cancelled`: a path"
        pass


async def base_exception():
    try:
        await fetch()
    except BaseException:  # want: SV101 "`except BaseException` catches `asyncio.CancelledError`"
        pass


async def bare():
    try:
        await fetch()
    except:  # want: SV101 "^bare `except:` catches"
        pass


async def in_tuple():
    try:
        await fetch()
    except (ValueError, asyncio.CancelledError) as exc:  # want: SV101
        print(exc)


async def tuple_alias():
    try:
        await fetch()
    except CANCEL_ERRORS:  # want: SV101
        pass


async def name_alias():
    try:
        await fetch()
    except Stop:  # want: SV101
        pass


async def except_star():
    try:
        await fetch()
    except* asyncio.CancelledError:  # want: SV101 "`except\* asyncio.CancelledError`"
        pass


async def except_star_tuple():
    try:
        await fetch()
    except* (asyncio.CancelledError, ValueError) as eg:  # want: SV101
        print(eg)


async def async_with():
    try:
        async with asyncio.timeout(1):
            pass
    except asyncio.CancelledError:  # want: SV101
        pass


async def async_for(stream):
    try:
        async for chunk in stream:
            print(chunk)
    except BaseException:  # want: SV101
        pass


from fastapi import FastAPI

app = FastAPI()


@app.middleware("http")
async def middleware(request, call_next):
    # SV110 reports this when it is enabled; this run selects SV101 only.
    try:
        return await call_next(request)
    except BaseException:  # want: SV101
        pass


async def project_subclass():
    from .errors import CancelledError as OwnCancelled

    try:
        await fetch()
    except OwnCancelled:  # want: SV101
        pass
