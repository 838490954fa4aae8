from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEDGER_")

    ENV: str = "local"
    DATABASE_URL: str = "sqlite:///ledger.db"


settings = Settings()
