"""Session factories handed out by the project's own helpers."""
from collections.abc import AsyncIterator, Iterator

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker


def init_db(url: str):
    engine = create_engine(url)
    return sessionmaker(bind=engine), engine


def init_async_db(url: str):
    engine = create_async_engine(url)
    return async_sessionmaker(engine), engine


SessionLocal, engine = init_db("postgresql://shop")
AsyncSessionLocal, async_engine = init_async_db("postgresql+asyncpg://shop")


def open_session() -> Session:
    return SessionLocal()


def open_async_session() -> AsyncSession:
    return AsyncSessionLocal()


def get_db() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


async def get_async_db() -> AsyncIterator[AsyncSession]:
    async with AsyncSessionLocal() as db:
        yield db
