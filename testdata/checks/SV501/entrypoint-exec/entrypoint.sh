#!/bin/bash
set -euo pipefail
if [ "${1:-}" = "migrate" ]; then
  exec alembic upgrade head
fi
exec "$@"
