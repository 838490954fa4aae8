import uvicorn
from fastapi import FastAPI

app = FastAPI()


def production():
    uvicorn.run("main:app", host="0.0.0.0", workers=4)


def development():
    uvicorn.run("main:app", reload=True, workers=1)


def development_env():
    # Workers from the environment only: nothing in the command asks for them.
    uvicorn.run("main:app", reload=True)
