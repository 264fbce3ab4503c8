"""The app's server as the network sees it: offline for real, same-origin only, bounded.

One server is started the way a trainer starts it (`zelflerendestad app`), under
`strace -f -e trace=connect`, so every connection any of its threads opens is on record from
start to stop; Solara's telemetry and asset fallback would show there as a name lookup or a
connection to an outside address. The guard's rules are also tested one by one, without a
server (`guard.py` is plain ASGI).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from tests.test_app_browser import free_port, wait_until_serving
from zelflerendestad.app.guard import CSP, Guard, host_allowed, origin_allowed

from .conftest import write_app_scenarios

STRACE = shutil.which("strace")
MAX_SESSIONS = 2
CONNECT = re.compile(r'connect\(\d+, \{sa_family=(AF_INET6?|AF_UNIX|AF_NETLINK)(.*?)\}')
ADDRESS = re.compile(r'(?:inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")')
PORT = re.compile(r"htons\((\d+)\)")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    assert STRACE, "strace is missing: run `make test` (it installs it)"
    folder = tmp_path_factory.mktemp("server")
    (folder / "configs").mkdir()
    configs = write_app_scenarios(folder / "configs", residents=200)
    port, log = free_port(), folder / "connect.log"
    cli = Path(sys.executable).with_name("zelflerendestad")
    proc = subprocess.Popen(
        [STRACE, "-f", "-qq", "-e", "trace=connect", "-o", str(log), str(cli), "app", "--port",
         str(port), "--configs", str(configs), "--max-sessions", str(MAX_SESSIONS)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=folder,
        env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(url, proc, seconds=180)
        yield {"url": url, "port": port, "log": log, "proc": proc}
    finally:  # the app runs under strace: end the whole group, or the app outlives the tests
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def app_pid(strace_pid: int) -> int:
    children = Path(f"/proc/{strace_pid}/task/{strace_pid}/children").read_text().split()
    return int(children[0])


def session(port: int, origin: str | None = None, host: str | None = None):  # noqa: ANN201
    """Open one browser-like session: a kernel websocket with a new kernel id."""
    headers = {"Cookie": f"solara-session-id={uuid.uuid4()}"}
    if host:
        headers["Host"] = host
    url = (f"ws://127.0.0.1:{port}/jupyter/api/kernels/{uuid.uuid4()}/channels"
           f"?session_id={uuid.uuid4()}")
    return connect(url, origin=origin or f"http://127.0.0.1:{port}",
                   additional_headers=headers, open_timeout=60)


def status_of(url: str, **headers: str) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_pages_carry_the_security_headers(served):
    status, headers = status_of(served["url"])
    assert status == 200
    assert headers["content-security-policy"] == CSP and "frame-ancestors 'none'" in CSP
    assert headers["x-frame-options"] == "DENY"


def test_operator_endpoints_and_strange_hosts_are_refused(served):
    assert status_of(served["url"] + "resourcez")[0] == 404
    assert status_of(served["url"], Host=f"rebound.example:{served['port']}")[0] == 421


def test_sessions_from_another_origin_or_beyond_the_cap_are_refused(served):
    port = served["port"]
    with pytest.raises(InvalidStatus, match="403"):
        session(port, origin="https://elsewhere.example")
    with session(port), session(port), session(port) as third:
        with pytest.raises(ConnectionClosed) as closed:
            third.recv(timeout=60)
    assert closed.value.rcvd.code == 1013 and closed.value.rcvd.reason == "too many sessions"


def test_the_session_websocket_is_not_compressed(served):
    """The frames are JPEG: deflating them cost CPU and saved nothing (the client offers it)."""
    with session(served["port"]) as ws:
        assert ws.protocol.extensions == []
        assert "sec-websocket-extensions" not in {k.lower() for k in ws.response.headers}


def test_no_connection_leaves_loopback_from_start_to_stop(served):
    """Run last in this file: it stops the server (Solara reports a stop, if telemetry is on)."""
    status_of(served["url"])
    with session(served["port"]):
        pass
    proc = served["proc"]
    os.kill(app_pid(proc.pid), signal.SIGINT)  # Ctrl+C, as a trainer stops it
    proc.wait(timeout=120)
    text = served["log"].read_text()
    outside = []
    for family, rest in CONNECT.findall(text):
        if family in ("AF_UNIX", "AF_NETLINK"):
            continue
        found, port = ADDRESS.search(rest), PORT.search(rest)
        address = (found.group(1) or found.group(2)) if found else "?"
        loopback = address.startswith("127.") or address == "::1"
        if not loopback or (port and port.group(1) == "53"):
            outside.append(f"{family} {address}:{port.group(1) if port else '?'}")
    assert "connect(" in text, "strace recorded nothing: the check would pass blindly"
    assert outside == []


def test_host_rules():
    assert host_allowed("127.0.0.1:8765", 8765, loopback=True)
    assert host_allowed("localhost:8765", 8765, loopback=True)
    assert not host_allowed("evil.example:8765", 8765, loopback=True)
    assert not host_allowed("127.0.0.1:9999", 8765, loopback=True)
    assert not host_allowed("192.168.1.20:8765", 8765, loopback=True)
    assert host_allowed("192.168.1.20:8765", 8765, loopback=False)
    assert not host_allowed("evil.example:8765", 8765, loopback=False)


def test_origin_rules():
    assert origin_allowed(None, "127.0.0.1:8765")
    assert origin_allowed("http://127.0.0.1:8765", "127.0.0.1:8765")
    assert not origin_allowed("http://localhost:8765", "127.0.0.1:8765")
    assert not origin_allowed("null", "127.0.0.1:8765")


def test_a_cross_origin_post_cannot_close_a_session():
    seen = []

    async def app(scope, receive, send):  # noqa: ANN001, ANN202
        seen.append(scope["path"])

    guard = Guard(app, 8765, loopback=True, max_sessions=5, sessions=lambda: [])
    sent = []

    async def send(message):  # noqa: ANN001, ANN202
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/_solara/api/close/k",
             "headers": [(b"host", b"127.0.0.1:8765"), (b"origin", b"https://evil.example")]}
    # in a thread of its own: the session's Playwright keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, guard(scope, None, send)).result()
    assert seen == [] and sent[0]["status"] == 403


def test_play_stops_asking_once_the_browser_page_is_gone(monkeypatch):
    """A closed tab (no connected page, or the session closed) stops Play within a tick."""
    import threading
    from types import SimpleNamespace

    from solara.server import kernel_context

    from zelflerendestad.app.presence import browser_watch

    status = kernel_context.PageStatus
    context = SimpleNamespace(page_status={"p": status.CONNECTED}, closed_event=threading.Event())
    monkeypatch.setattr(kernel_context, "has_current_context", lambda: True)
    monkeypatch.setattr(kernel_context, "get_current_context", lambda: context)
    watched = browser_watch()
    assert watched()
    context.page_status["p"] = status.DISCONNECTED
    assert not watched()
    context.page_status["q"] = status.CONNECTED  # another tab of the same session
    assert watched()
    context.closed_event.set()
    assert not watched()
