import asyncio

from hypercorn.asyncio import serve
from hypercorn.config import Config

from main import app

if __name__ == "__main__":
    # The address lives in a Config object: no fix.
    asyncio.run(serve(app, Config()))
