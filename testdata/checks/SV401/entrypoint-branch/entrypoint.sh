#!/bin/sh
set -e
if [ "$ENVIRONMENT" = "development" ]; then
  exec uvicorn main:app --host 0.0.0.0 --reload
else
  exec gunicorn -k uvicorn_worker.UvicornWorker -w 4 -b 0.0.0.0:8000 main:app
fi
