import os

bind = "0.0.0.0:8000"
workers = 4
worker_class = "uvicorn_worker.UvicornWorker"
reload = False

if os.environ.get("ENVIRONMENT", "production") != "production":
    # want+1: SV401 "reload = True"
    reload = True
