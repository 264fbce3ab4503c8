"""Start the workshop app: Solara in production mode, offline, without telemetry.

`zelflerendestad app` -> `serve()` -> `solara run zelflerendestad.app.page --production`.
Workshop rooms often have no internet, so nothing may come from outside: the front-end
(Vuetify app, require.js, fonts) is served from the `solara-assets` package through Solara's
local asset route, Solara's usage telemetry and its version check are off, and any asset that
is *not* bundled fails at once on a closed loopback port instead of being fetched from a CDN.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from .library import CONFIGS_ENV

APP_MODULE = "zelflerendestad.app.page"
OFFLINE_ENV = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false",
    # Missing assets are looked up here, server-side; port 9 (discard) on loopback refuses at
    # once, so no asset is ever fetched from the internet.
    "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/",
    "SOLARA_ASSETS_PROXY": "true",
    "SOLARA_KERNEL_CULL_TIMEOUT": "2h",
}


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


def serve(host: str = "127.0.0.1", port: int = 8765, configs: Path | None = None) -> None:
    """Run the app until interrupted (blocks)."""
    os.environ.update(OFFLINE_ENV)
    if configs is not None:
        os.environ[CONFIGS_ENV] = str(Path(configs).resolve())
    for line in banner(host, port):
        print(line, file=sys.stderr if line.startswith("WARNING") else sys.stdout, flush=True)
    from solara.__main__ import cli  # after the environment: solara reads it on import

    cli.main(solara_args(host, port), prog_name="solara", standalone_mode=True)
