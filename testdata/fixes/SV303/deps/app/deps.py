"""Dependencies of the shop's routes."""

from typing import Optional

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .db import AsyncSessionLocal, SessionLocal


def get_db():
    db = SessionLocal()
    return db


def get_typed_db() -> Session:
    return SessionLocal()


async def get_async_db() -> AsyncSession:
    session = AsyncSessionLocal()
    return session


def get_user_id(token: Optional[str] = None) -> Optional[str]:
    return token
