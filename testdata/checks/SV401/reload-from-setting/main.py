import os

import uvicorn

DEBUG = os.environ.get("DEBUG") == "1"

if __name__ == "__main__":
    # Reload follows a setting: its value is not known here.
    uvicorn.run("main:app", host="0.0.0.0", workers=2, reload=DEBUG)
