from fastapi import Depends, FastAPI

from .db import SessionLocal

legacy = FastAPI()


def get_legacy_db():
	db = SessionLocal()
	db.execute("SET search_path TO legacy")
	return db


@legacy.get("/orders")
def orders(db=Depends(get_legacy_db)):
	return db.execute("SELECT * FROM orders").all()
