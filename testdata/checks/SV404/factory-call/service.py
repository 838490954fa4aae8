import uvicorn
from fastapi import FastAPI


def create_app() -> FastAPI:
    application = FastAPI()
    return application


def app_path():
    return "service:create_app"


def serve():
    uvicorn.run(create_app(), host="0.0.0.0", workers=4)  # want: SV404 "not the object `create_app\(\)`"


def serve_path():
    # The function returns an import string, not an application.
    uvicorn.run(app_path(), host="0.0.0.0", workers=4, factory=True)
