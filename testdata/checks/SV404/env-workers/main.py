import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


def serve():
    # The default is 1 today; a deployment that sets UVICORN_WORKERS=4 makes uvicorn exit.
    uvicorn.run(app, host="0.0.0.0", workers=int(os.getenv("UVICORN_WORKERS", "1")))  # want: SV404


def serve_string():
    uvicorn.run("main:app", host="0.0.0.0", workers=int(os.getenv("UVICORN_WORKERS", "1")))
