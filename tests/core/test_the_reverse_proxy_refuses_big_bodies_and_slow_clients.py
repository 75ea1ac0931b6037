"""The production shape in deploy/nginx/: a real nginx, with the limits the
project ships, in front of the app. A body over 25 MB is refused by nginx
before the app sees a byte of it, and a client that never finishes its
headers never reaches the app (so it cannot hold a worker)."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.signals import request_started

# A live server is transactional: serialized_rollback puts back the rows the
# migrations made (groups, themes) for the transactional tests after it, as
# the browser tests do.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
PROXY_SETTINGS = ROOT / "deploy" / "nginx" / "record-proxy.conf"

CONFIG = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        include {proxy_settings};
        location / {{ proxy_pass {upstream}; }}
    }}
}}
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    executable = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(executable).exists():
        pytest.fail("These tests need nginx: apt-get install nginx-light")
    port = free_port()
    config = tmp_path / "nginx.conf"
    config.write_text(
        CONFIG.format(
            tmp=tmp_path, port=port, proxy_settings=PROXY_SETTINGS, upstream=live_server.url
        )
    )
    process = subprocess.Popen([executable, "-c", str(config), "-p", str(tmp_path)])
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def requests_reaching_the_app(nginx):
    """The paths the app is asked for, from the moment nginx is up."""
    seen = []

    def count(sender, environ, **kwargs):
        seen.append(environ["PATH_INFO"])

    request_started.connect(count)
    yield seen
    request_started.disconnect(count)


def post(url, size):
    request = urllib.request.Request(url, data=b"x" * size, method="POST")
    request.add_header("Content-Type", "application/octet-stream")
    try:
        return urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_body_over_25_mb_is_refused_by_the_proxy_before_the_app(nginx, requests_reaching_the_app):
    assert post(nginx + "/admin/login/", 26 * 1024 * 1024) == 413
    assert requests_reaching_the_app == []


def test_a_body_under_the_limit_is_passed_on(nginx, requests_reaching_the_app):
    # The app answers it (here with its own refusal: a CSRF failure, 403).
    assert post(nginx + "/admin/login/", 1024) == 403
    assert requests_reaching_the_app == ["/admin/login/"]


def test_a_client_that_never_finishes_its_headers_never_reaches_the_app(
    nginx, requests_reaching_the_app
):
    port = int(nginx.rsplit(":", 1)[1])
    slow = []
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        slow.append(sock)
    try:
        started = time.monotonic()
        response = urllib.request.urlopen(nginx + "/robots.txt", timeout=10)
        assert response.status == 200
        assert time.monotonic() - started < 5
        assert requests_reaching_the_app == ["/robots.txt"]
    finally:
        for sock in slow:
            sock.close()
