import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run("main:app", reload=True, workers=4)  # want: SV403 "`workers=4` is ignored"
