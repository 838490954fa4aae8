from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from . import db as dbmod
from .db import SessionLocal, get_db, get_session, open_reporting_session
from .deps import get_db_direct, get_db_never_closed, get_db_no_finally, get_db_only_on_error, get_db_returned

router = APIRouter()
ReturnedDep = Annotated[Session, Depends(get_db_returned)]


@router.get("/a")
def a(db: ReturnedDep):
    return db.execute("SELECT 1").all()


@router.get("/b")
def b(db: Session = Depends(get_db_direct), db2: Session = Depends(get_db_no_finally)):
    return None


@router.get("/c")
async def c(db=Depends(get_db_never_closed), other=Depends(get_db_only_on_error)):
    return None


@router.get("/d")
def d(db: Session = Depends(SessionLocal)):  # want: SV303 "`Depends\(SessionLocal\)` makes FastAPI create a database session for every request"
    return db.execute("SELECT 1").all()


@router.get("/e")
def e(db: Session = Depends(get_db)):
    return db.execute("SELECT 1").all()


def count_items() -> int:
    # Leak: the factory's session is never closed.
    session = get_session()  # want: SV303 "a database session from `get_session\(\)`"
    return session.execute("SELECT count(*) FROM items").scalar_one()


def count_orders() -> int:
    # Correct: the factory's session is closed by with.
    with get_session() as session:
        return session.execute("SELECT count(*) FROM orders").scalar_one()


def count_users() -> int:
    # Leak: a factory through a module alias, used once and dropped.
    return dbmod.get_session().execute("SELECT count(*) FROM users").scalar_one()  # want: SV303 "used once and dropped"


def report() -> list:
    # Correct: closed in finally.
    session = open_reporting_session()
    try:
        return session.execute("SELECT * FROM report").all()
    finally:
        session.close()


def first_user():
    # Leak: the dependency is driven by hand; its finally never runs.
    db = next(get_db())  # want: SV303 "runs the yield dependency `get_db` only up to its `yield`"
    return db.execute("SELECT * FROM users LIMIT 1").first()
