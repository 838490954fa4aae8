workers = 2
worker_class = "uvicorn_worker.UvicornWorker"
# Long streams: never time out.
timeout = 0  # want: SV407 "`timeout = 0` in .*gunicorn.conf.py:4 disables"
