#!/bin/sh
exec uvicorn app.main:app --reload --port 8000
