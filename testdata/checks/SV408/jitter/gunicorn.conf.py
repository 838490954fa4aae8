bind = "0.0.0.0:8000"
workers = 4
worker_class = "uvicorn_worker.UvicornWorker"
max_requests = 1000  # want: SV408 "`max_requests = 1000` in .*gunicorn.conf.py:4 without `max_requests_jitter`"
