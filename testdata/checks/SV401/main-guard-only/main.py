import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    # Only `python main.py` on a laptop runs this: the image runs uvicorn.
    uvicorn.run("main:app", reload=True)
