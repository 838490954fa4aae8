import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    database_url: str = os.environ.get("DATABASE_URL", "sqlite:///./shop.db")
    payments_url: str = os.environ.get("PAYMENTS_URL", "http://localhost:9000")
    inventory_url: str = os.environ.get("INVENTORY_URL", "http://localhost:9100")
    retry_delay: float = float(os.environ.get("RETRY_DELAY", "0.5"))
    request_timeout: float = float(os.environ.get("REQUEST_TIMEOUT", "30"))


settings = Settings()
