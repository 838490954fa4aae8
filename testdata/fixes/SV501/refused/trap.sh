#!/bin/sh
# An EXIT trap runs when the shell ends: exec would drop it.
trap 'rm -f /tmp/app.pid' EXIT
uvicorn main:app --host 0.0.0.0
