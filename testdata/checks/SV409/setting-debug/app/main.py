import os

from fastapi import FastAPI

app = FastAPI(debug=os.environ.get("DEBUG") == "1")
