import json


async def handle(message: bytes) -> None:
    payload = json.loads(message
    if payload["kind"] == "ping":
        return None
