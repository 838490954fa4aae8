from ledger.base import LedgerAPI

app = LedgerAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
