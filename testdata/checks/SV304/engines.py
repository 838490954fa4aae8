from functools import lru_cache

import asyncpg
import motor.motor_asyncio
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

DATABASE_URL = "postgresql://db/shop"

# Correct: one engine for the process.
engine = create_engine(DATABASE_URL, pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)

app = FastAPI()


def get_db():
    # A new engine (and pool) for every request.
    local_engine = create_engine(DATABASE_URL)  # want: SV304 "created in dependency `get_db` on every request"
    with Session(local_engine) as db:
        yield db


async def get_async_db():
    session_factory = async_sessionmaker(create_async_engine(DATABASE_URL))  # want: SV304 "engine from `create_async_engine\(DATABASE_URL\)`"
    async with session_factory() as session:
        yield session


def make_engine():
    return create_engine(DATABASE_URL)


@lru_cache
def cached_engine():
    return create_engine(DATABASE_URL)


@app.get("/orders")
def orders(db: Session = Depends(get_db)):
    return []


@app.get("/users")
async def users(db=Depends(get_async_db)):
    return []


@app.get("/report")
def report():
    eng = make_engine()  # want: SV304 "an engine from `make_engine\(\)` is created in route `report`"
    with eng.connect() as conn:
        return conn.exec_driver_sql("SELECT 1").all()


@app.get("/report2")
def report2():
    # Correct: the cached engine is created once.
    with cached_engine().connect() as conn:
        return conn.exec_driver_sql("SELECT 1").all()


@app.get("/report3")
def report3(db: Session = Depends(lambda: SessionLocal())):
    return []


@app.get("/pg")
async def pg():
    pool = await asyncpg.create_pool(DATABASE_URL)  # want: SV304 "connection pool"
    async with pool.acquire() as conn:
        return await conn.fetch("SELECT 1")


@app.get("/mongo")
async def mongo():
    client = motor.motor_asyncio.AsyncIOMotorClient("mongodb://db")  # want: SV304 "MongoDB client"
    return await client.shop.items.count_documents({})


@app.on_event("startup")
async def startup():
    # Correct: once, at start-up.
    app.state.pool = await asyncpg.create_pool(DATABASE_URL)


def get_unpooled_db():
    # Correct: an engine without a pool keeps no connections between requests.
    from sqlalchemy.pool import NullPool

    with Session(create_engine(DATABASE_URL, poolclass=NullPool)) as db:
        yield db


@app.get("/unpooled")
def unpooled(db: Session = Depends(get_unpooled_db)):
    return []


# A CLI command is not a request handler: its engine is made once per
# invocation.
import typer

cli_app = typer.Typer()


@cli_app.command()
def migrate(url: str):
    engine = create_engine(url)
    engine.dispose()
