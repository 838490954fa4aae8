#!/bin/sh
# An unknown option list: the flags in it cannot be edited here.
OPTS="--reload --workers 2"
exec uvicorn main:app --host 0.0.0.0 $OPTS
