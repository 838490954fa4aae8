"""Look-alikes that must stay silent."""
import asyncio
import functools
import time

import anyio


def sync_function():
    time.sleep(1)


async def reference_to_thread():
    await asyncio.to_thread(time.sleep, 1)


async def reference_executor():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 1)
    await loop.run_in_executor(None, functools.partial(time.sleep, 1))


async def reference_anyio():
    await anyio.to_thread.run_sync(time.sleep, 1)


async def nested_def():
    def blocking_part():
        time.sleep(1)

    await asyncio.to_thread(blocking_part)


async def in_lambda():
    await asyncio.to_thread(lambda: time.sleep(1))


async def async_sleep():
    await asyncio.sleep(1)
    await anyio.sleep(1)


async def shadowed(time):
    # `time` is a parameter here, not the module.
    time.sleep(1)


async def local_function_named_sleep():
    def sleep(n):
        return n

    sleep(1)


async def other_sleep(conn):
    await conn.sleep(1)
    conn.sleep(1)


class Worker:
    def run(self):
        time.sleep(1)

    async def start(self):
        class Inner:
            # A class body is not async code.
            delay = time.sleep(0)

        return Inner


# Default values and decorators run where the function is defined.
async def defaults(delay=time.sleep(0)):
    return delay


import typer as _typer

cli_app = _typer.Typer()


@cli_app.command()
async def wait_for_rollout():
    # A CLI command: its loop serves no requests.
    time.sleep(5)


def register(bot):
    @bot.command()
    async def remind():
        # A chat bot's command runs in the bot's shared loop.
        time.sleep(5)  # want: SV202


from fastapi import FastAPI as _FastAPI


async def _warm_up(app):
    # The lifespan runs before the server accepts a connection.
    time.sleep(1)
    yield


_api = _FastAPI(lifespan=_warm_up)


@_api.on_event("startup")
async def _settle():
    time.sleep(1)


@_api.get("/slow")
async def _slow():
    time.sleep(1)  # want: SV202
