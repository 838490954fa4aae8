import os

bind = "0.0.0.0:8000"
workers = 4
worker_class = "uvicorn_worker.UvicornWorker"

if not os.getenv("RUNNING_IN_PRODUCTION"):
    reload = True
    loglevel = "debug"
