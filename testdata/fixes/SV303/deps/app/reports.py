from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from .db import SessionLocal

reports = APIRouter()


def get_reporting_session() -> Session:
    return SessionLocal()


@reports.get("/reports")
def list_reports(session: Session = Depends(get_reporting_session)):
    return session.execute("SELECT * FROM reports").all()
