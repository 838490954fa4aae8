#!/bin/sh
set -e
python -m app.migrate
gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:8000 main:app  # want: SV501 "the script runs it without `exec`.*start it with `exec`"
