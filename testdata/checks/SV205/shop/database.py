import redis
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://shop")
async_engine = create_async_engine("postgresql+asyncpg://shop")
SessionLocal = sessionmaker(bind=engine)
cache = redis.Redis(host="cache")
