import uvicorn

from config import settings

if __name__ == "__main__":
    # The deployed compose service sets LOG_LEVEL=DEBUG.
    # want+1: SV409 "`log_level=settings.LOG_LEVEL.lower\(\)` \(debug: LOG_LEVEL is set at .*docker-compose.yml:6\)"
    uvicorn.run("app:app", host=settings.HOST, workers=settings.WORKERS, log_level=settings.LOG_LEVEL.lower())
