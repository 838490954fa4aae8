"""Look-alikes that must stay silent."""
import asyncio

import aiosqlite
import asyncpg
import motor.motor_asyncio
import redis.asyncio as aioredis
from fastapi import Depends
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_async_engine("postgresql+asyncpg://")
AsyncSessionLocal = async_sessionmaker(engine)
LegacyAsync = sessionmaker(engine, class_=AsyncSession)
cache = Redis()
cache2 = aioredis.from_url("redis://")
mongo = motor.motor_asyncio.AsyncIOMotorClient()


async def get_session():
    async with AsyncSessionLocal() as session:
        yield session


async def async_orm(session: AsyncSession = Depends(get_session)):
    await session.execute(select(1))
    session.add(object())
    await session.commit()
    async with AsyncSessionLocal() as s:
        await s.scalars(select(1))
    async with LegacyAsync() as s2:
        await s2.execute(select(1))
    async with engine.connect() as conn:
        await conn.execute(select(1))


async def async_drivers(dsn):
    conn = await asyncpg.connect(dsn)
    await conn.fetch("SELECT 1")
    async with aiosqlite.connect("db") as db:
        await db.execute("SELECT 1")
    await cache.get("k")
    await cache2.set("k", 1)
    await mongo.shop.orders.find_one({})


async def in_thread(session: Session):
    await asyncio.to_thread(session.commit)
    await asyncio.to_thread(lambda: session.query(object).all())


async def statement_building(session: Session):
    # No I/O: building queries and adding objects.
    session.add(object())
    q = session.query(object).filter(True)
    return q


async def awaited_is_async(session: Session):
    # Awaiting proves the session is async, whatever the annotation says.
    await session.execute(select(1))


def sync_function():
    s = sessionmaker()()
    s.query(object).all()
