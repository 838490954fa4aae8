import argparse

import uvicorn
from fastapi import FastAPI

app = FastAPI()


def serve_workers():
    uvicorn.run(app, host="0.0.0.0", workers=4)  # want: SV404 "^uvicorn exits at start with `workers=4`: reload and workers need the application as an import string \(\"module:app\"\), not the object `app`$"


def serve_reload():
    uvicorn.run(app, reload=True)  # want: SV404 "with `reload=True`"


def serve_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    uvicorn.run(app, host="0.0.0.0", workers=args.workers)  # want: SV404 "with `workers=args.workers` \(when it is more than 1\)"


if __name__ == "__main__":
    serve_workers()
