#!/bin/sh
# Container entry point: `web` (default), `worker`, `migrate`, or any command.
set -e
case "${1:-web}" in
  web)
    # Several web containers may start together: migrations are idempotent and run under a lock
    # in PostgreSQL; run `migrate` as a one-off job instead when deploying many nodes at once.
    if [ "${MIGRATE_ON_START:-1}" = "1" ]; then python manage.py migrate --noinput; fi
    exec gunicorn -c deploy/gunicorn.conf.py tiendo.wsgi
    ;;
  worker)
    if [ "${TASKS_BACKEND:-}" = "rq" ]; then
      exec python manage.py rqworker --job-class django_tasks_rq.Job default
    fi
    exec python manage.py db_worker --no-reload
    ;;
  migrate)
    exec python manage.py migrate --noinput
    ;;
  *)
    exec "$@"
    ;;
esac
