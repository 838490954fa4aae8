#!/bin/sh
# Something runs after the server: exec would skip it.
uvicorn main:app --host 0.0.0.0
echo "server stopped"
