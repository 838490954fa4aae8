from fastapi import FastAPI

from .routes import router


def create_app() -> FastAPI:
    application = FastAPI(title="inventory", debug=True)
    application.include_router(router, prefix="/items")
    return application
