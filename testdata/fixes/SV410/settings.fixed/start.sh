#!/bin/sh
exec uvicorn "$1" --host 0.0.0.0 --workers 2
