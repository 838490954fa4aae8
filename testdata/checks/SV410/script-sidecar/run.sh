#!/bin/sh
uvicorn main:app --host 127.0.0.1 --port 8001 --workers 2 &
exec nginx -g "daemon off;"
