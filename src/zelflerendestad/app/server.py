"""Start the workshop app: Solara in production mode, offline, without telemetry, guarded.

`zelflerendestad app` -> `serve()` -> `solara run zelflerendestad.app.routes --production` (the
`/`, `/room` and `/join` pages, `routes.py`).
Workshop rooms often have no internet, so nothing may come from outside and nothing may go
out: the front-end (Vuetify app, require.js, fonts) is served from the `solara-assets` package
through Solara's local asset route, Solara's usage telemetry (which looks up the machine's
public IP) and its version check are off, and any asset that is *not* bundled fails at once on
a closed loopback port instead of being fetched from a CDN. Solara reads these settings once,
when it is first imported, so `serve()` sets them before any Solara import and then checks
they took. Sessions whose browser is gone are freed after `CULL_TIMEOUT`; `guard.Guard`
checks hosts, origins and the number of sessions, and adds the security headers. The
WebSocket goes uncompressed (its load is JPEG frames).
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from .library import CONFIGS_ENV

APP_MODULE = "zelflerendestad.app.routes"
ROOM_ENV = "ZELFLERENDESTAD_ROOM"  # "1": `app --room`, the page starts a participatory room
OFFLINE_CDN = "http://127.0.0.1:9/"  # port 9 (discard) on loopback refuses at once
CULL_TIMEOUT = "2m"  # a session whose browser is gone is freed after this
OFFLINE_ENV = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    # Missing assets are looked up here, server-side, so none is fetched from the internet.
    "SOLARA_ASSETS_CDN": OFFLINE_CDN,
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_KERNEL_CULL_TIMEOUT": CULL_TIMEOUT,
    "SOLARA_MODE": "production",
}


class SettingsTooLate(RuntimeError):
    """Solara was imported before `serve()` could set its settings."""


def apply_settings() -> None:
    """Set Solara's settings in the environment, import it, and check that they took."""
    os.environ.update(OFFLINE_ENV)
    import solara.server.settings as server_settings  # the first Solara import
    import solara.settings

    found = {"telemetry": server_settings.telemetry.mixpanel_enable,
             "cdn": solara.settings.assets.cdn, "cull": server_settings.kernel.cull_timeout}
    if found != {"telemetry": False, "cdn": OFFLINE_CDN, "cull": CULL_TIMEOUT}:
        raise SettingsTooLate(f"Solara was imported before its settings were set: {found}")


def guard_app(host: str, port: int, max_sessions: int) -> None:
    """Wrap Solara's ASGI app (the one `solara run` serves) in `Guard`."""
    os.environ["SOLARA_APP"] = APP_MODULE  # read when solara.server.app is imported
    import solara.server.starlette as solara_server
    from solara.server import kernel_context

    from .guard import Guard

    solara_server.app.add_middleware(Guard, port=port, loopback=is_loopback(host),
                                     max_sessions=max_sessions,
                                     sessions=lambda: list(kernel_context.contexts))


def without_websocket_compression() -> None:
    """Serve the session's WebSocket without per-message deflate.

    Nearly all it carries while playing are the JPEG frames (about 250 kB a tick), which do
    not compress; deflating them anyway took about a quarter of the server's CPU while
    playing. Solara builds uvicorn's `Config` without a way to pass `ws_per_message_deflate`,
    so the option is set on the class it builds.
    """
    import uvicorn

    class Config(uvicorn.Config):
        def __init__(self, *args: object, **kwargs: object):
            super().__init__(*args, **{**kwargs, "ws_per_message_deflate": False})

    uvicorn.Config = Config


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1, where only this machine can connect."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def address(host: str, port: int) -> str:
    """The URL to open in a browser."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}"


def banner(host: str, port: int) -> list[str]:
    """What `zelflerendestad app` prints before the server starts."""
    lines = [f"Zelflerende stad: open {address(host, port)} in a browser (Ctrl+C stops it)."]
    if not is_loopback(host):
        lines.append(f"WARNING: listening on {host}: anyone on this network can open the app "
                     "and use this computer's processor. / LET OP: iedereen op dit netwerk "
                     "kan de app openen.")
    return lines


def solara_args(host: str, port: int) -> list[str]:
    """Arguments for `solara run`: production mode, no browser, no version check."""
    return ["run", APP_MODULE, "--production", "--host", host, "--port", str(port),
            "--no-open", "--no-check-version", "--log-level", "warning"]


def serve(host: str = "127.0.0.1", port: int = 8765, configs: Path | None = None,
          max_sessions: int = 40, room: bool = False) -> None:
    """Run the app until interrupted (blocks); `room`: the page opens in participatory mode."""
    from .memory import limit_arenas

    limit_arenas()  # before Solara and uvicorn start their threads
    apply_settings()
    if configs is not None:
        os.environ[CONFIGS_ENV] = str(Path(configs).resolve())
    if room:
        os.environ[ROOM_ENV] = "1"
    for line in banner(host, port):
        print(line, file=sys.stderr if line.startswith("WARNING") else sys.stdout, flush=True)
    guard_app(host, port, max_sessions)
    without_websocket_compression()
    from solara.__main__ import cli

    cli.main(solara_args(host, port), prog_name="solara", standalone_mode=True)
