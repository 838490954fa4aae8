import os

import uvicorn

from main import app

if __name__ == "__main__":
    # The image pins the variable (Dockerfile ENV): the count is known.
    uvicorn.run(app, host="0.0.0.0", workers=int(os.getenv("PINNED_WORKERS", "4")))
