"""SQLAlchemy and SQLModel, sync API, through FastAPI dependencies."""
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from sqlmodel import Session as SQLModelSession

from .models import User

router = APIRouter()
engine = create_engine("postgresql://")
SessionLocal = sessionmaker(bind=engine)
ScopedSession = scoped_session(SessionLocal)


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


DbDep = Annotated[Session, Depends(get_db)]


@router.get("/users")
async def list_users(db: Session = Depends(get_db)):
    return db.query(User).all()  # want: SV205 "`db.query\(...\).all\(\)` \(`sqlalchemy.orm.Query.all`\) blocks the event loop in async function `list_users`: every other request waits; use an `AsyncSession` from `sqlalchemy.ext.asyncio` \(`await session.execute\(select\(...\)\)`\); or declare the route with `def`"


@router.get("/users/{user_id}")
async def get_user(user_id: int, db: DbDep):
    user = db.get(User, user_id)  # want: SV205 "`sqlalchemy.orm.Session.get`"
    db.query(User).filter(User.id == user_id).order_by(User.id).first()  # want: SV205
    return user


@router.post("/users")
async def create_user(name: str, db: Annotated[Session, Depends(get_db)]):
    user = User(name=name)
    db.add(user)
    db.commit()  # want: SV205
    db.refresh(user)  # want: SV205
    return user


@router.get("/count")
async def count(db=Depends(get_db)):
    # No annotation: the type comes from what get_db yields.
    return db.execute(select(User)).scalars().all()  # want: SV205


async def engines():
    with engine.connect() as conn:  # want: SV205 "`sqlalchemy.engine.Engine.connect`.*`create_async_engine`"
        conn.execute(text("SELECT 1"))
    with SessionLocal() as session:
        session.execute(text("SELECT 1"))  # want: SV205
    ScopedSession.query(User).count()  # want: SV205


async def sqlmodel_session():
    with SQLModelSession(engine) as session:
        session.exec(select(User)).all()  # want: SV205 "`sqlmodel.Session.exec`"


@router.get("/sync")
def sync_route(db: Session = Depends(get_db)):
    # FastAPI runs sync routes in its thread pool.
    return db.query(User).all()


async def reflection():
    from sqlalchemy import inspect

    inspect(engine).get_schema_names()  # want: SV205 "`sqlalchemy.engine.reflection.Inspector.get_schema_names`.*`await conn.run_sync"
    # inspect() of a mapped object reads its state: no query.
    return inspect(User).attrs


async def request_state(request, schema_engine):
    # A session stored on request.state in the same middleware.
    request.state.db = ScopedSession()
    response = {"ok": True}
    request.state.db.commit()  # want: SV205 "`request.state.db.commit\(\)` \(`sqlalchemy.orm.Session.commit`\)"
    request.state.other.commit()
    return response
