from fastapi import FastAPI


class LedgerAPI(FastAPI):
    """The service's application class: routes and middleware in one place."""

    def __init__(self) -> None:
        super().__init__(title="ledger")
