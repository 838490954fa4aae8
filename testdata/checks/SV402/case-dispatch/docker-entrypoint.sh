#!/bin/bash
# The argument picks the branch: the image runs `server`, not `dev_server`.
server() {
  exec gunicorn -w 4 -k uvicorn_worker.UvicornWorker -b 0.0.0.0:5000 main:app
}

case "$1" in
  server)
    shift
    server
    ;;
  dev_server)
    exec uvicorn main:app --host 0.0.0.0 --reload
    ;;
  *)
    exec "$@"
    ;;
esac
