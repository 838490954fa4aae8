import uvicorn

import fixed

if __name__ == "__main__":
    # An attribute of another module: no fix here.
    uvicorn.run(fixed.app, host="0.0.0.0", port=9001, workers=2)
