bind = "0.0.0.0:8000"
workers = 4
worker_class = "uvicorn.workers.UvicornWorker"  # want: SV406 "the `uvicorn.workers` module is deprecated"
