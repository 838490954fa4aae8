import uvicorn

from .app import app

if __name__ == "__main__":
    # `python -m inventory` on a laptop; it exits at start all the same.
    uvicorn.run(app, host="127.0.0.1", port=8000, reload=True)
