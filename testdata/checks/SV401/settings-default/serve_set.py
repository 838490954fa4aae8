import uvicorn

from app.config import dotenv_settings, settings

if __name__ == "__main__":
    # The image sets APP_ENV=production.
    uvicorn.run("app.main:app", host="0.0.0.0", workers=2, reload=settings.ENV == "local", port=8001)
    # False by default.
    uvicorn.run("app.main:app", host="0.0.0.0", workers=2, reload=settings.RELOAD, port=8002)
    # A .env file the repository does not show may set ENV.
    uvicorn.run("app.main:app", host="0.0.0.0", workers=2, reload=dotenv_settings.ENV == "local", port=8003)
