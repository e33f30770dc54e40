"""gunicorn settings for ``manage.py serve``, which adds ``--bind`` and ``--workers``.

Use: ``gunicorn --config python:techbridge.config.gunicorn``. Any setting can be overridden on
the command line or in ``GUNICORN_CMD_ARGS``.
"""

from __future__ import annotations

import os

wsgi_app = "techbridge.config.wsgi:application"
proc_name = "techbridge"

# Sync workers: requests are short, database-bound page renders; the slowest (an annual
# report as PDF, a bulk import) take seconds, well inside the timeout.
worker_class = "sync"
# A worker silent this long is stuck: it is killed and replaced.
timeout = 120
# On SIGTERM, requests in flight get this long to finish (within serve's --stop-timeout).
graceful_timeout = 25
# Keep-alive with the load balancer in front, a little longer than a typical idle timeout.
keepalive = 5
# Replace each worker after about 2000 requests (staggered): bounds slow memory growth.
max_requests = 2000
max_requests_jitter = 200

# Access and error logs on standard output and error, for the service manager's journal;
# %(M)s is the request's duration in milliseconds.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Workers' liveness files on a RAM disk where there is one: on a disk-backed /tmp their
# updates can stall a worker (gunicorn's FAQ, "Blocking os.fchmod").
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# gunicorn's control socket lives at one path per user, so two instances on a host (or a
# test beside a running server) would contend for it; `serve` supervises gunicorn itself.
control_socket_disable = True
