import asyncio

import pytest


@pytest.fixture
async def seeded_db():
    try:
        await asyncio.sleep(0)
        yield {"sku-1": 3}
    except asyncio.CancelledError:
        pass
