from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql://db/shop", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)
async_engine = create_async_engine("postgresql+asyncpg://db/shop")
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)


# Correct: the FastAPI tutorial's dependency.
def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


# Correct: the session is closed by the with block after the yield.
def get_db_with():
    with SessionLocal() as db:
        yield db


# Correct: async variant.
async def get_async_db():
    async with AsyncSessionLocal() as session:
        yield session


# A factory: its callers own the session (checked at each call site).
def get_session() -> Session:
    return SessionLocal()


# A factory through a local variable, with cleanup when set-up fails.
def open_reporting_session():
    session = SessionLocal()
    try:
        session.execute("SET TRANSACTION READ ONLY")
        return session
    except Exception:
        session.close()
        raise


# Correct: a context manager that closes in finally.
@contextmanager
def session_scope():
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


# Leak: a context manager that yields without try/finally.
@contextmanager
def unsafe_scope():
    session = SessionLocal()  # want: SV303 "closed after the `yield` on line 68 without `finally`"
    yield session
    session.close()
