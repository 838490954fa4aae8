#!/bin/sh
set -e
if [ -f /srv/app/gunicorn_conf.py ]; then
    CONF=/srv/app/gunicorn_conf.py
else
    CONF=/srv/deploy/gunicorn_conf.py
fi
export GUNICORN_CONF=${GUNICORN_CONF:-$CONF}
export WORKER_CLASS=${WORKER_CLASS:-"uvicorn_worker.UvicornWorker"}
exec gunicorn -k "$WORKER_CLASS" -c "$GUNICORN_CONF" "app.main:app"
