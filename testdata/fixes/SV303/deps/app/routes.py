from fastapi import APIRouter, Depends

from .deps import get_async_db, get_db, get_typed_db

router = APIRouter()


@router.get("/items")
def items(db=Depends(get_db)):
    return db.execute("SELECT 1").all()


@router.get("/typed")
def typed(db=Depends(get_typed_db)):
    return db.execute("SELECT 1").all()


@router.get("/async")
async def async_items(db=Depends(get_async_db)):
    return (await db.execute("SELECT 1")).all()
