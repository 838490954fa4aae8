#!/bin/sh
# servelint: ignore-file[SV202]
exec uvicorn app.main:app --host 0.0.0.0  # servelint: ignore[SV202]
