"""The demo (`./esflow run` -> `make run`) shows the project's own Polish error pages, never
Django's debug pages (issue 14): it runs with DEBUG off over plain HTTP on this machine, its
static files served by WhiteNoise. This test takes the environment the Makefile
gives the demo and serves it with the demo's own command (runserver, as in the Procfile)."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO_VARS = ("DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS", "ESFLOW_LOCAL_HTTP", "DJANGO_SECRET_KEY")


def _demo_environment() -> dict[str, str]:
    """What `make run`'s commands see: the Makefile's own values, read through make."""
    clean = {k: v for k, v in os.environ.items() if k not in DEMO_VARS}
    show = "showenv: ; @env; exit 3"
    result = subprocess.run(
        ["make", "-s", "--eval", show, "--eval", "run: showenv", "run"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    seen = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {k: seen[k] for k in DEMO_VARS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str, dict]:
    """One GET without following redirects: (status, body, headers)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        connection.request("GET", parts.path, headers={"Accept-Language": "pl"})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace"), dict(response.headers)
    finally:
        connection.close()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "ESFLOW_"))
    }
    env.update(_demo_environment())
    # An empty database of its own: the pages asked for here read no table.
    env["ESFLOW_VAR_DIR"] = str(tmp_path_factory.mktemp("demo"))
    manage = [sys.executable, "manage.py"]
    port = _free_port()
    server = subprocess.Popen(  # the Procfile's web process
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield url, env
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_makefile_runs_the_demo_without_debug_on_local_http():
    env = _demo_environment()
    assert env["DJANGO_DEBUG"] == "0"
    assert env["ESFLOW_LOCAL_HTTP"] == "1"
    assert set(env["DJANGO_ALLOWED_HOSTS"].split(",")) == {"127.0.0.1", "localhost"}
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert _demo_environment()["DJANGO_SECRET_KEY"] == env["DJANGO_SECRET_KEY"]  # kept


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-page/",
        "/portal/rejestr/99999999999999999999/",
        "/katalog/rejestr/99999999999999999999/historia/",
    ],
)
def test_a_missing_page_is_the_polish_404_page(demo_server, path):
    url, _ = demo_server
    status, body, _ = _get(url + path)
    assert status == 404
    assert "<h1>Nie znaleziono strony</h1>" in body, body[:500]
    assert 'lang="pl"' in body
    assert "Using the URLconf" not in body
    assert "DEBUG = True" not in body


def test_the_demo_serves_its_static_files_and_the_favicon(demo_server):
    url, _ = demo_server
    status, body, _ = _get(url + "/")
    assert status == 200
    stylesheet = body.split('rel="stylesheet" href="')[1].split('"')[0]
    assert stylesheet == "/static/css/esflow.css"
    assert _get(url + stylesheet)[0] == 200
    status, _, headers = _get(url + "/favicon.ico")
    assert status == 302
    status, _, headers = _get(url + headers["Location"])
    assert status == 200
    assert headers["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}


def test_the_demo_signs_in_over_plain_http(demo_server):
    """No redirect to HTTPS and no Secure cookie: the sign-in page sets a CSRF cookie a
    browser keeps on http://127.0.0.1."""
    url, _ = demo_server
    status, _, headers = _get(url + "/konto/logowanie/")
    assert status == 200
    cookie = headers.get("Set-Cookie", "")
    assert "csrftoken=" in cookie
    assert "Secure" not in cookie
    assert "Strict-Transport-Security" not in headers


def test_local_http_refuses_a_host_that_is_not_this_machine():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_DEBUG="0",
        ESFLOW_LOCAL_HTTP="1",
        DJANGO_SECRET_KEY="k" * 60,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,esflow.example.pl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "ESFLOW_LOCAL_HTTP is only for a demo on this machine" in result.stderr
