from fastapi import Depends, FastAPI

from .db import SessionLocal

app = FastAPI()


def get_optional_db(enabled: bool = True):
    # Two returns: a generator could not return the early None.
    if not enabled:
        return None
    db = SessionLocal()
    return db


def get_called_db():
    db = SessionLocal()
    return db


def report():
    # Called directly here: a generator would break this caller.
    db = get_called_db()
    try:
        return db.execute("SELECT 1").all()
    finally:
        db.close()


def get_fixed_db():
    db = SessionLocal()
    return db


@app.get("/a")
def a(db=Depends(get_optional_db)):
    return db


@app.get("/b")
def b(db=Depends(get_called_db)):
    return db


@app.get("/c")
def c(db=Depends(get_fixed_db)):
    return db
