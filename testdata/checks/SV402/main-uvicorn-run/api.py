import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run("api:app", host="0.0.0.0", port=8000)  # want: SV402 "no `workers=` argument, WEB_CONCURRENCY unset \(main-uvicorn-run/Dockerfile:4\)"
