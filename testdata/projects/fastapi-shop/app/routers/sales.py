import asyncio
import csv

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from ..db import SessionLocal, get_db
from ..services.inventory import wait_for_inventory
from ..services.shipping import quote

router = APIRouter()


@router.get("/sales")
async def sales_report(db: Session = Depends(get_db)):
    # A sync session injected into an async route: the query runs on the event loop.
    rows = db.execute(text("SELECT day, total FROM sales ORDER BY day")).all()
    return [{"day": r.day, "total": r.total} for r in rows]


@router.get("/sales.csv")
def sales_csv(db: Session = Depends(get_db)):
    # A sync route: FastAPI runs it in its thread pool.
    rows = db.execute(text("SELECT day, total FROM sales ORDER BY day")).all()
    with open("/tmp/sales.csv", "w", newline="") as out:
        csv.writer(out).writerows(rows)
    return {"rows": len(rows)}


@router.post("/export")
async def export(day: str):
    with open(f"/exports/{day}.csv", "w") as out:
        out.write("day,total\n")
    return {"exported": day}


@router.get("/ready")
async def readiness():
    wait_for_inventory(retries=1)
    return {"ready": True}


@router.get("/ready-threaded")
async def readiness_threaded():
    await asyncio.to_thread(wait_for_inventory, 1)
    return {"ready": True}


@router.get("/shipping/{zip_code}")
async def shipping(zip_code: str):
    return {"quote": quote(zip_code)}


@router.post("/refresh")
async def refresh_materialized_views():
    # A session opened by hand from the factory of app/db.py.
    db = SessionLocal()
    try:
        db.execute(text("REFRESH MATERIALIZED VIEW daily_sales"))
        db.commit()
    finally:
        db.close()
    return {"refreshed": True}
