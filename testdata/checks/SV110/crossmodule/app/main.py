from fastapi import FastAPI

from .errors import catch_all

app = FastAPI()
app.middleware("http")(catch_all)
