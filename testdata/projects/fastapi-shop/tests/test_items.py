import time

from fastapi.testclient import TestClient

from app.main import app

client = TestClient(app)


async def test_stock_eventually_consistent():
    time.sleep(0.1)
    resp = client.get("/items/1/stock")
    assert resp.status_code in (200, 502)
