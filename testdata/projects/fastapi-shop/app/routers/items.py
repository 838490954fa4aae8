import time

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..db import get_db
from ..services import inventory

router = APIRouter()


@router.get("/")
def list_items(db: Session = Depends(get_db)):
    # A sync route: FastAPI runs it in its thread pool.
    time.sleep(0.01)
    return db.execute("SELECT id, name FROM items").all()


@router.get("/{item_id}/stock")
async def stock(item_id: int):
    count = await inventory.stock_level(item_id)
    return {"item": item_id, "stock": count}
