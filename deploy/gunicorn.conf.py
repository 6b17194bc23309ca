"""gunicorn settings for Tiến Độ (`gunicorn -c deploy/gunicorn.conf.py tiendo.wsgi`).

Processes for the CPU, a second thread each for the waits. A page's time is mostly Python (templates,
forms, rows into objects): one process runs one request's Python at a time (the GIL), so processes are what
use the cores; a second thread lets one request's Python run while another waits for PostgreSQL. More
threads only queue requests behind the GIL and stretch each one (issue 10). The defaults suit a 2-core node
(3 processes × 2 threads: PostgreSQL needs CPU too); every value can be overridden from the environment, so a
larger node needs no new file.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() + 1, 8)))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 2))
# Requests longer than this are killed (a whole-year export of a province stays well under it).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# Recycle processes now and then (with jitter, so they do not all restart at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = 500
# Logs to stdout/stderr: the container or the process manager collects them. The access log is off by
# default; Django's request log (JSON with LOG_FORMAT=json) already records each request.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Behind a load balancer: trust its X-Forwarded-* headers (set FORWARDED_ALLOW_IPS to its address).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Keep the application out of the master process: a crash on import shows in the workers' log, and
# each worker opens its own database connections.
preload_app = False
# No runtime control socket in the home directory (several instances share a host; the container has one).
control_socket_disable = True


def child_exit(server, worker):
    """Prometheus counters of a finished process stay counted, but its live gauges are dropped."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
