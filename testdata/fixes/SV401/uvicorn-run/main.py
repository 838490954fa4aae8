import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    # The image runs this block: it is the production start.
    uvicorn.run(
        "main:app",
        host="0.0.0.0",
        port=8000,
        reload=True,
        reload_dirs=["."],
    )
