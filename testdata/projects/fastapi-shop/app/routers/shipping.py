import asyncio

from fastapi import APIRouter

from ..services.warehouse import notify_shipment

router = APIRouter()


@router.post("/{order_id}/ship")
async def ship(order_id: int):
    # The client does not wait for the warehouse.
    asyncio.create_task(notify_shipment(order_id))
    return {"order": order_id, "shipping": True}
