"""Gunicorn as production runs it: `gunicorn -c deploy/gunicorn.conf.py
config.wsgi`, behind the reverse proxy in deploy/nginx/ and never facing
the network itself (it binds to loopback). Threaded workers, so one slow
request does not hold a whole process; the proxy buffers slow clients."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "3"))
# A request still running after this is killed and its worker restarted;
# PostgreSQL's statement timeout (DATABASE_STATEMENT_TIMEOUT_MS) stops the
# query first.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Requests nginx would refuse anyway; here in case something bypasses it.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Trust X-Forwarded-Proto only from the proxy on this machine.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
