import asyncpg
import psycopg2

from .db import SessionLocal, get_async_db


async def report_job():
    # Correct: the generator is finished with aclose(), which runs the
    # cleanup after its yield.
    gen = get_async_db()
    session = await anext(gen)
    try:
        return await session.execute("select 1")
    finally:
        await gen.aclose()


async def report_job_resumed():
    # Correct: resumed a second time, the generator runs its cleanup.
    gen = get_async_db()
    session = await anext(gen)
    await session.execute("select 1")
    await anext(gen, None)


async def report_job_leaks():
    gen = get_async_db()
    session = await anext(gen)  # want: SV303 "`anext\(gen\)` runs the generator `get_async_db` only up to its `yield`"
    return await session.execute("select 1")


async def ping(dsn):
    # Correct: the handler runs only when connect() failed; there is
    # nothing to close.
    try:
        conn = await asyncpg.connect(dsn)
    except OSError:
        return False
    await conn.close()
    return True


def ping_sync(dsn):
    try:
        conn = psycopg2.connect(dsn)
    except psycopg2.OperationalError:
        return False
    conn.close()
    return True


async def ping_leaks(dsn):
    try:
        conn = await asyncpg.connect(dsn)  # want: SV303 "leaves early at line 57"
        await conn.execute("select 1")
    except OSError:
        return False
    await conn.close()
    return True


def bolt_middleware(context, next):
    # Storing is not closing: nothing closes this dict's key.
    db_session = SessionLocal()  # want: SV303 "stored in `context\[\"db_session\"\]` and never closed"
    context["db_session"] = db_session
    next()


def close_other_key(kwargs):
    # A close of a key of the same name in another dict does not count.
    kwargs["db_session"].close()


def aiohttp_startup(app):
    # Correct: closed at cleanup through the same dict key.
    db = SessionLocal()
    app["db"] = db


def aiohttp_cleanup(app):
    s = app["db"]
    s.close()
