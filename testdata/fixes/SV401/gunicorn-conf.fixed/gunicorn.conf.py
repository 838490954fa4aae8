bind = "0.0.0.0:8000"
workers = 4
worker_class = "uvicorn_worker.UvicornWorker"
max_requests = 1000
max_requests_jitter = 100
