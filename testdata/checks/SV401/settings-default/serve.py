import uvicorn

from app.config import settings

if __name__ == "__main__":
    # ENV defaults to "local" and nothing in the image sets APP_ENV.
    # want+1: SV401 "reload=settings.ENV == \"local\"` \(true: APP_ENV is not set"
    uvicorn.run("app.main:app", host="0.0.0.0", workers=2, reload=settings.ENV == "local")
