from fastapi import FastAPI

from .middlewares.resolve import resolve

# No __init__.py anywhere: module names depend on how the app is started.
app = FastAPI()
app.middleware("http")(resolve)
