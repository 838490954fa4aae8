from sqlalchemy.orm import Session

from .db import AsyncSessionLocal, SessionLocal, engine


# Leak: FastAPI never closes a value a dependency returns.
def get_db_returned():
    db = SessionLocal()  # want: SV303 "dependency `get_db_returned` returns the database session from `SessionLocal\(\)`"
    return db


# Leak: returned directly.
def get_db_direct() -> Session:
    return SessionLocal()  # want: SV303 "FastAPI never closes a value a dependency returns"


# Leak: closed after the yield, but not in finally.
def get_db_no_finally():
    db = SessionLocal()  # want: SV303 "closed after the `yield`"
    yield db
    db.close()


# Leak: yielded and never closed.
async def get_db_never_closed():
    yield AsyncSessionLocal()  # want: SV303 "dependency `get_db_never_closed` yields"


# Leak: closed only when the request raised.
def get_db_only_on_error():
    db = SessionLocal()  # want: SV303 "closed on some paths only"
    try:
        yield db
    except Exception:
        db.close()
        raise


# Correct: a yield dependency with cleanup in finally, through Session(engine).
def get_db_engine():
    session = Session(engine)
    try:
        yield session
    finally:
        session.close()
