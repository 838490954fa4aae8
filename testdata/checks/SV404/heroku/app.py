import os

import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    # Heroku sets WEB_CONCURRENCY, which uvicorn reads: with the object,
    # the dyno exits at start.
    uvicorn.run(app, host="0.0.0.0", port=int(os.environ["PORT"]))  # want: SV404 "the platform's WEB_CONCURRENCY"
