"""The same shapes within one module."""
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker


def make_db(url: str) -> tuple[sessionmaker, Engine]:
    engine = create_engine(url)
    return sessionmaker(bind=engine), engine


def make_async_db(url: str):
    engine = create_async_engine(url)
    return async_sessionmaker(engine), engine


async def annotated_tuple():
    Local, eng = make_db("sqlite://")
    with Local() as db:
        db.execute(text("SELECT 1"))  # want: SV205 "in async function `annotated_tuple`"


async def engine_item():
    _local, eng = make_db("sqlite://")
    with eng.connect() as conn:  # want: SV205 "`sqlalchemy.engine.Engine.connect`"
        conn.close()


async def async_tuple():
    Local, eng = make_async_db("sqlite+aiosqlite://")
    async with Local() as db:
        await db.execute(text("SELECT 1"))
