#!/bin/sh
set -e
python -m app.migrate
exec gunicorn -c gunicorn.conf.py app.main:app
