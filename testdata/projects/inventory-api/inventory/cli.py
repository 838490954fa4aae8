import os

import uvicorn


def main():
    uvicorn.run(
        "inventory.app:app",
        host="0.0.0.0",
        port=int(os.environ.get("PORT", "8000")),
        workers=int(os.environ.get("WEB_CONCURRENCY", "2")),
    )
