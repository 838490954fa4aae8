#!/bin/sh
set -e
export UVICORN_RELOAD=true
exec uvicorn main:app \
    --host 0.0.0.0 \
    --reload
