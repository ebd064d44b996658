"""Production server: gunicorn, configured from the environment.

    gunicorn -c newsroom/gunicorn.conf.py

Threaded workers keep connections alive (browsers and the proxy reuse them) and let a worker
wait on PostgreSQL or Redis without idling a core; one process per core plus one keeps both
cores busy with Python. See README, Deployment, for the environment the application needs.
"""

import os

wsgi_app = os.environ.get("GUNICORN_APP", "newsroom.wsgi:application")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A request slower than this is a bug or an attack: the worker is recycled.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
backlog = 2048
# Recycle workers now and then, so a slow leak never becomes an outage.
# Recycled now and then against slow leaks, not often: a recycled worker forks again and, on
# SQLite, loses its page cache. At 20,000 the cached pages of a burst (5,000 req/s here) were
# re-rendered every few seconds and served at half speed.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1_000_000))
max_requests_jitter = max_requests // 10
# Import Django once in the master: faster start, shared memory pages between workers.
preload_app = True
# Only the local reverse proxy may tell us the client's scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190
limit_request_fields = 100
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None  # "-" logs requests to stdout
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
proc_name = "humas-newsroom"
