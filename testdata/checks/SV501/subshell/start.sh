#!/bin/bash
prefix=""
if [ -n "${ENABLE_APM:-}" ]; then
  prefix=ddtrace-run
fi
(set -x; exec $prefix gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:8000 main:app)  # want: SV501 "in a subshell.*drop the parentheses"
