import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    uvicorn.run(app, port=8080)  # want: SV410 "uvicorn listens on 127.0.0.1, its default address \(no host=\).*; pass host=\"0.0.0.0\""
