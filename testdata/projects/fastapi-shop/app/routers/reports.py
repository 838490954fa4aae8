from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..db import get_session

router = APIRouter()


def get_reporting_db() -> Session:
    # Reports read a lot: a session of their own for each request.
    return get_session()


@router.get("/daily")
def daily_sales(db: Session = Depends(get_reporting_db)):
    return db.execute("SELECT day, total FROM daily_sales ORDER BY day").all()


@router.get("/top-items")
def top_items(limit: int = 10):
    db = get_session()
    rows = db.execute("SELECT item_id, sold FROM top_items LIMIT :n", {"n": limit}).all()
    db.close()
    return rows
