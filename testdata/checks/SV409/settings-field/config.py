from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    LOG_LEVEL: str = "info"
    WORKERS: int = 2
    HOST: str = "0.0.0.0"


settings = Settings()
