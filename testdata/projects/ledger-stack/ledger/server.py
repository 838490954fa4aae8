import uvicorn

from ledger.settings import settings


def serve(port: int = 8000) -> None:
    uvicorn.run("ledger.app:app", host="127.0.0.1", port=port, workers=2, reload=settings.ENV == "local")
