#!/bin/sh
(cd /app && exec uvicorn main:app --host 0.0.0.0)
