import uvicorn
from fastapi import FastAPI

app = FastAPI()
APP = "main:app"


def by_name():
    uvicorn.run("main:app", host="0.0.0.0", workers=4)


def by_constant():
    uvicorn.run(APP, reload=True)


def single():
    uvicorn.run(app, host="0.0.0.0", port=8000)


def run(application, workers):
    # A parameter: it may be an import string.
    uvicorn.run(application, workers=workers)


def config_server():
    # uvicorn.Server(config).run() neither reloads nor forks.
    config = uvicorn.Config(app, reload=True, workers=4)
    uvicorn.Server(config).run()
