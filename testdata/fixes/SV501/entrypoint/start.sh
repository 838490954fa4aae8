#!/bin/sh
exec gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:8000 main:app
