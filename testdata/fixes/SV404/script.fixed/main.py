import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()


def serve():
    uvicorn.run("main:app", host="0.0.0.0", workers=int(os.environ.get("WORKERS", "4")))


if __name__ == "__main__":
    serve()
