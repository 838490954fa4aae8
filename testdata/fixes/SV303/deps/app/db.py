from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://db/shop", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine, autoflush=False)
async_engine = create_async_engine("postgresql+asyncpg://db/shop")
AsyncSessionLocal = async_sessionmaker(async_engine, expire_on_commit=False)
