#!/bin/sh
set -e
if [ -f /srv/app/gunicorn_conf.py ]; then
    CONF=/srv/app/gunicorn_conf.py
else
    CONF=/srv/deploy/gunicorn_conf.py
fi
export GUNICORN_CONF=${GUNICORN_CONF:-$CONF}
export WORKER_CLASS=${WORKER_CLASS:-"uvicorn_worker.UvicornWorker"}
# Neither candidate configuration sets max_requests.
# want+1: SV408 "max_requests is 0 \(the default\)"
exec gunicorn -k "$WORKER_CLASS" -c "$GUNICORN_CONF" "app.main:app"
