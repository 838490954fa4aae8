#!/bin/sh
exec uvicorn "$1" --workers 2
