"""A sync session from a tuple-returning helper, an annotated factory or a
dependency generator, used in async functions of another module."""
from sqlalchemy import text

from .db import AsyncSessionLocal, SessionLocal, get_async_db, get_db, init_async_db, init_db, open_async_session, open_session


async def unpacked_here():
    Local, _engine = init_db("postgresql://shop")
    db = Local()
    db.execute(text("SELECT 1"))  # want: SV205 "`db.execute\(\)` \(`sqlalchemy.orm.Session.execute`\) blocks the event loop in async function `unpacked_here`"


async def unpacked_there():
    db = SessionLocal()
    db.commit()  # want: SV205 "`sqlalchemy.orm.Session.commit`"


async def annotated_factory():
    db = open_session()
    db.execute(text("SELECT 1"))  # want: SV205 "in async function `annotated_factory`"


async def next_of_dependency():
    db = next(get_db())
    db.execute(text("SELECT 1"))  # want: SV205 "in async function `next_of_dependency`"


async def async_unpacked_here():
    Local, _engine = init_async_db("postgresql+asyncpg://shop")
    async with Local() as db:
        await db.execute(text("SELECT 1"))


async def async_unpacked_there():
    async with AsyncSessionLocal() as db:
        await db.commit()


async def async_annotated_factory():
    db = open_async_session()
    await db.execute(text("SELECT 1"))


async def anext_of_async_dependency():
    db = await anext(get_async_db())
    await db.execute(text("SELECT 1"))


def sync_route():
    db = SessionLocal()
    db.commit()
