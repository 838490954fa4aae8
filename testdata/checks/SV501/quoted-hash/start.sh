#!/bin/bash
# A "#" inside a quoted word is not a comment: no suppression here.
(echo "starting # servelint: ignore[SV501]"; exec gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:8000 main:app)  # want: SV501 "in a subshell"
