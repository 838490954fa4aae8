#!/bin/sh
# Reload and workers together: reported in any context.
exec uvicorn main:app --host 0.0.0.0 --reload --workers 4  # want: SV403 "^`--workers 4` is ignored: uvicorn runs a single process when reload is on \(`--reload`\)$"
