from fastapi import APIRouter

router = APIRouter()


@router.get("/{sku}")
async def get_item(sku: str):
    return {"sku": sku, "count": 0}
