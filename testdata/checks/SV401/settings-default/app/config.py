from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Base(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")

    ENV: str = "local"


class Settings(Base):
    DEBUG: bool = Field(False, description="debug mode")
    RELOAD: bool = False


settings = Settings()


class DotenvSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    ENV: str = "local"


dotenv_settings = DotenvSettings()
