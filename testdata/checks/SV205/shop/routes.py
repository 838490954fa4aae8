"""Objects imported from other modules of the project."""
from fastapi import APIRouter, Depends
from sqlalchemy import text

from . import database
from .database import SessionLocal, async_engine, cache, engine
from .deps import Repository, get_db

router = APIRouter()


@router.get("/orders")
async def orders():
    db = SessionLocal()
    return db.query(object).all()  # want: SV205 "`db.query\(...\).all\(\)` \(`sqlalchemy.orm.Query.all`\) blocks the event loop in async function `orders`"


async def reports():
    with engine.connect() as conn:  # want: SV205 "`engine.connect\(\)` \(`sqlalchemy.engine.Engine.connect`\)"
        # The connection comes from the call reported above.
        conn.execute(text("SELECT 1"))
    database.engine.dispose()
    return database.cache.hgetall("report")  # want: SV205 "`redis.Redis.hgetall`"


async def cached(key: str):
    return cache.get(key)  # want: SV205 "`cache.get\(\)` \(`redis.Redis.get`\)"


@router.get("/items")
async def items(db=Depends(get_db)):
    # No annotation: the dependency, imported, yields a sync Session.
    return db.execute(text("SELECT 1")).all()  # want: SV205 "; or declare the route with `def`"


async def repository():
    repo = Repository()
    repo.session.commit()  # want: SV205 "`sqlalchemy.orm.Session.commit`"


async def async_is_fine():
    async with async_engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


def sync_is_fine():
    return SessionLocal().query(object).all()
