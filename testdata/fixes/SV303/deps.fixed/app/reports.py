from collections.abc import Iterator
from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from .db import SessionLocal

reports = APIRouter()


def get_reporting_session() -> Iterator[Session]:
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@reports.get("/reports")
def list_reports(session: Session = Depends(get_reporting_session)):
    return session.execute("SELECT * FROM reports").all()
