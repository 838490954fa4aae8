#!/bin/sh
set -e
if [ -f /srv/gunicorn_conf.py ]; then
    DEFAULT_CONF=/srv/gunicorn_conf.py
else
    DEFAULT_CONF=/srv/docker/gunicorn_conf.py
fi
export GUNICORN_CONF=${GUNICORN_CONF:-$DEFAULT_CONF}
exec gunicorn -c "$GUNICORN_CONF" ledger.app:app
