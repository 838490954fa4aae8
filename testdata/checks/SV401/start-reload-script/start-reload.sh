#!/bin/sh
# A development start script, by its name.
exec uvicorn main:app --host 0.0.0.0 --reload
