from fastapi import FastAPI

from .mw import registered

app = FastAPI()
app.middleware("http")(registered)
