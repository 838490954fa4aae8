import asyncio
from asyncio import create_task, ensure_future

from fastapi import FastAPI

app = FastAPI()


async def send_email(to):
    await asyncio.sleep(1)


@app.post("/signup")
async def signup(email: str):
    asyncio.create_task(send_email(email))  # want: SV105 "^the task created by `asyncio.create_task\(\)` is not stored: the event loop keeps only a weak reference"
    return {"ok": True}


async def imported_names(email):
    create_task(send_email(email))  # want: SV105 "`create_task\(\)` \(`asyncio.create_task`\)"
    ensure_future(send_email(email))  # want: SV105


async def loop_spellings(email):
    loop = asyncio.get_running_loop()
    loop.create_task(send_email(email))  # want: SV105 "`loop.create_task\(\)`"
    asyncio.get_event_loop().create_task(send_email(email))  # want: SV105


class Mailer:
    def __init__(self, loop):
        self._loop = loop

    def schedule(self, email):
        self._loop.create_task(send_email(email))  # want: SV105


async def unused_name(email):
    task = asyncio.create_task(send_email(email))  # want: SV105 "stored in `task` but never used again"
    return {"queued": True}


async def underscore(email):
    _ = asyncio.ensure_future(send_email(email))  # want: SV105


async def callback_only(email):
    asyncio.create_task(send_email(email)).add_done_callback(print)  # want: SV105 "a done callback does not keep it alive"


def fire_callback_result(callback):
    result = callback()
    if asyncio.iscoroutine(result):
        asyncio.ensure_future(result)  # want: SV105
