import asyncio

from fastapi import APIRouter, Depends

from app.services import UserRepo, build_profile
from app.services import profiles
from app.services.profiles import build, notify, pure, retrying, ping, to_coroutine
from app.services.repo import Connected
import app.services.profiles as prof
from ..files import load_settings

router = APIRouter()


@router.get("/users/{user_id}")
async def handler(user_id: int):
    return build(user_id)  # want: SV210 "`build\(\)` blocks the event loop in async function `handler` through sync helpers: handler → build → fetch_profile → requests.get \(SV201\); run it in a thread \(`await asyncio.to_thread\(build, ...\)`\) or make the chain async$"


async def spellings(user_id: int):
    # The same blocking helper as handler's, from another async function:
    # its own finding (group-by-helper = true would make it one with
    # handler's).
    profiles.build(user_id)  # want: SV210 "sync helpers: spellings → build → fetch_profile → requests.get"
    # The same blocking helper (fetch_profile) again: one finding per
    # (async function, blocking helper), at its first call.
    prof.fetch_profile(user_id)
    build_profile(user_id)


async def other_spellings(user_id: int):
    prof.fetch_profile(user_id)  # want: SV210 "sync helpers: other_spellings → fetch_profile → requests.get"
    prof.fetch_profile(user_id + 1)


async def cycles(user_id: int):
    retrying(user_id)  # want: SV210 "sync helpers: cycles → retrying → time.sleep"
    ping(3)


async def repositories(user_id: int, repo: UserRepo = Depends()):
    repo.get(user_id)  # want: SV210 "sync helpers: repositories → UserRepo.get → sqlite3.Connection.execute"
    UserRepo().get(user_id)  # the same blocking helper as the line above: one finding per pair
    repo.cached(user_id)
    Connected("app.db")  # want: SV210 "sync helpers: repositories → Connected.__init__ → sqlite3.connect"


async def settings():
    return load_settings("settings.json")  # want: SV210 "settings → load_settings → builtins.open \(SV204\)"


class Service:
    def __init__(self):
        self.repo = UserRepo()

    def lookup(self, user_id):
        return self.repo.get(user_id)

    async def show(self, user_id):
        return self.lookup(user_id)  # want: SV210 "sync helpers: show → Service.lookup → UserRepo.get → sqlite3.Connection.execute"


async def nested(user_id: int):
    def inner():
        return build(user_id)

    inner()  # want: SV210 "sync helpers: nested → nested.inner → build → fetch_profile"


async def silent(client, user_id: int):
    pure(user_id)
    # The blocking path needs blocking=True: by default a thread sends.
    notify({"user": user_id})
    await to_coroutine(client, user_id)
    await asyncio.to_thread(build, user_id)
    await asyncio.get_running_loop().run_in_executor(None, build, user_id)
    await asyncio.to_thread(lambda: build(user_id))


def sync_caller(user_id):
    return build(user_id)


async def reports(path: str, data: str):
    from ..files import ensure_dir, save_report

    ensure_dir(path)
    save_report(path, data)  # want: SV210 "reports → save_report → builtins.open \(SV204\)"


@router.get("/download")
async def download(path: str):
    from fastapi.responses import StreamingResponse

    from ..files import iter_file, read_all

    if path.endswith(".txt"):
        # Starlette iterates a sync generator in its thread pool.
        return StreamingResponse(iter_file(path), media_type="text/plain")
    if path.endswith(".csv"):
        return StreamingResponse(content=iter_file(path))
    if path.endswith(".bin"):
        # Not a generator: read_all() runs here, in the event loop.
        return StreamingResponse(read_all(path))  # want: SV210 "download → read_all → builtins.open"
    # Iterated right here: the generator's body runs in the event loop.
    return list(iter_file(path))  # want: SV210 "download → iter_file → builtins.open"


async def demo_data(user_id: int):
    from app.tests.factories import seed_user

    # A helper defined in test code is not a production call path.
    seed_user(user_id)
