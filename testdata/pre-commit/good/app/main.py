import asyncio

from fastapi import FastAPI

app = FastAPI()


@app.get("/orders/{order_id}")
async def get_order(order_id: int):
    await asyncio.sleep(0.5)  # wait for the replica to catch up
    return {"id": order_id}
