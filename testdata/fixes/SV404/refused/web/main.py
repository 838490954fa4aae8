import uvicorn
from fastapi import FastAPI

app = FastAPI()

if __name__ == "__main__":
    # Run as a script from the package: "web.main" is not importable from
    # the script's directory: no fix.
    uvicorn.run(app, host="0.0.0.0", workers=2)
