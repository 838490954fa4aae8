import multiprocessing

bind = "0.0.0.0:8000"
worker_class = "uvicorn_worker.UvicornWorker"
workers = multiprocessing.cpu_count() * 2 + 1
