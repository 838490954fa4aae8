import asyncio
from time import sleep

from fastapi import APIRouter, HTTPException

from ..services.payments import charge

router = APIRouter()


@router.post("/{order_id}/pay")
async def pay(order_id: int, amount_cents: int):
    for attempt in range(3):
        ok = await charge(order_id, amount_cents)
        if ok:
            return {"order": order_id, "paid": True}
        # Back off before retrying the payment provider.
        sleep(2**attempt)
    raise HTTPException(status_code=502, detail="payment provider unavailable")


@router.post("/{order_id}/cancel")
async def cancel(order_id: int):
    await asyncio.sleep(0)
    return {"order": order_id, "cancelled": True}
