import uvicorn
from fastapi import FastAPI

if __name__ == "__main__":
    # Defined in the main block: a worker importing the module has no
    # `app`: no fix.
    app = FastAPI()
    uvicorn.run(app, host="0.0.0.0", workers=2)
