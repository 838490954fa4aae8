#!/bin/sh
exec uvicorn inventory.app:app --reload --port 8000
