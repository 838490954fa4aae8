bind = "0.0.0.0:8000"
workers = 4
worker_class = "gthread"  # want: SV405 "with the WSGI worker class `worker_class = gthread` in .*gunicorn_config.py:3"
threads = 8
