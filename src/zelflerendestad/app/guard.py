"""What stands between the network and the workshop app: hosts, origins, sessions, headers.

`server.serve()` wraps Solara's ASGI app in `Guard` -> Solara's Starlette app. Pure ASGI (no
Solara import), so it is tested without a server.

- Host: on loopback only `localhost`/`127.0.0.1`/`[::1]` at our port; on a network address
  also IP literals and this machine's own name. A page on another site that re-points its own
  name at this machine (DNS rebinding) sends its own name and is refused.
- Origin: a browser sends one with every WebSocket and POST; it must be this server, so a page
  open on another site cannot open sessions here or close them.
- Sessions: a new session (a new Solara kernel) is refused once `max_sessions` are alive or
  connecting, so one client cannot open hundreds of cities.
- Headers: a Content-Security-Policy that allows nothing but this server (the page cannot
  load or send anything elsewhere, nor be framed), plus the usual frame/sniffing headers.
- Paths: Solara's operator endpoints (`/resourcez`, eviction) answer 404.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
       "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
       "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY"),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
           (b"cross-origin-opener-policy", b"same-origin"),
           (b"cross-origin-resource-policy", b"same-origin")]
CLOSED_PATHS = ("/resourcez", "/_solara/api/evict")
KERNEL_SOCKET = re.compile(r"^/jupyter/api/kernels/([^/]+)/")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def split_host(value: str) -> tuple[str, int | None]:
    """`host[:port]` or `[v6]:port` -> (host, port)."""
    parts = urlsplit(f"//{value}")
    try:
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def host_allowed(value: str, port: int, loopback: bool) -> bool:
    """True if a request's Host header is one a browser uses for this server (no rebinding)."""
    host, given_port = split_host(value)
    if given_port not in (None, port) or not host:
        return False
    if host in LOOPBACK_NAMES:
        return True
    if loopback:
        return False
    own = socket.gethostname().lower()
    return _is_ip(host) or host in (own, f"{own}.local")


def origin_allowed(origin: str | None, host: str) -> bool:
    """Same origin as the Host the request went to (no Origin: not a browser, allowed)."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host.lower()


class Guard:
    """ASGI middleware applying the checks above to every request and WebSocket."""

    def __init__(self, app: Any, port: int, loopback: bool, max_sessions: int,
                 sessions: Callable[[], Iterable[str]]):
        self.app, self.port, self.loopback = app, port, loopback
        self.max_sessions, self.sessions = max_sessions, sessions
        self.connecting: dict[str, int] = {}  # kernel id -> open sockets (before Solara has it)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        """Refuse, or pass on (adding the headers to HTTP responses)."""
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        reason = self.refusal(scope, host, headers.get("origin"))
        if reason is not None:
            return await _refuse(scope, send, *reason)
        if scope["type"] == "websocket":
            return await self.session(scope, receive, send)
        return await self.app(scope, receive, _with_headers(send))

    async def session(self, scope: dict, receive: Callable, send: Callable) -> None:
        """A WebSocket; a new session beyond the cap is accepted and closed at once (1013)."""
        kernel = KERNEL_SOCKET.match(scope.get("path", ""))
        if kernel is None:
            return await self.app(scope, receive, send)
        kid = kernel.group(1)
        live = set(self.sessions()) | set(self.connecting)
        if kid not in live and len(live) >= self.max_sessions:
            await receive()  # websocket.connect
            await send({"type": "websocket.accept"})
            await send({"type": "websocket.close", "code": 1013, "reason": "too many sessions"})
            return None
        self.connecting[kid] = self.connecting.get(kid, 0) + 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.connecting[kid] -= 1
            if not self.connecting[kid]:
                del self.connecting[kid]

    def refusal(self, scope: dict, host: str, origin: str | None) -> tuple[int, str] | None:
        """(status, reason) if the request is refused, else None."""
        path = scope.get("path", "")
        if not host_allowed(host, self.port, self.loopback):
            return 421, "unknown host"
        unsafe = scope["type"] == "websocket" or scope.get("method") not in ("GET", "HEAD")
        if unsafe and not origin_allowed(origin, host):
            return 403, "cross-origin request"
        if path.startswith(CLOSED_PATHS):
            return 404, "not found"
        return None


def _with_headers(send: Callable) -> Callable:
    async def send_with_headers(message: dict) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            message = {**message, "headers": [*message.get("headers", []),
                                              *[h for h in HEADERS if h[0] not in present]]}
        await send(message)
    return send_with_headers


async def _refuse(scope: dict, send: Callable, status: int, reason: str) -> None:
    if scope["type"] == "websocket":  # closing before accepting answers the handshake with 403
        await send({"type": "websocket.close", "code": 1008, "reason": reason})
        return
    body = f"{status} {reason}\n".encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *HEADERS]})
    await send({"type": "http.response.body", "body": body})
