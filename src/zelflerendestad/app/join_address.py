"""The address the phones open: the projector's own address, as seen from the room's network.

The projector's browser reports where it opened the app (`Origin`, a small Vue widget, as
`live.Viewport` reports the window). A trainer on the laptop itself opens 127.0.0.1, which a
phone cannot reach, so a loopback host is replaced by this machine's address on the local
network (`lan_ip`); the phones reach it only when the app listens there (`app --lan`).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import quote, urlsplit

import ipyvuetify as v
import traitlets

from .server import is_loopback

JOIN_PATH = "/join"


class Origin(v.VuetifyTemplate):
    """`window.location.origin` of the page, reported once on load."""

    origin = traitlets.Unicode("").tag(sync=True)
    template = traitlets.Unicode("""
<template><span class="zs-origin" style="display: none"></span></template>
<script>
module.exports = { mounted() { this.origin = window.location.origin; } }
</script>""").tag(sync=True)


def lan_ip() -> str | None:
    """This machine's address on its local network (None if it has none).

    Connecting a UDP socket sends nothing; it only asks the kernel which interface it would
    use for a private address.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            found = s.getsockname()[0]
        except OSError:
            return None
    return None if ipaddress.ip_address(found).is_loopback else found


def join_base(origin: str, lan: str | None = None) -> str:
    """The origin the phones use: `origin` with a loopback host replaced by the LAN address."""
    parts = urlsplit(origin or "http://127.0.0.1:8765")
    host, port = parts.hostname or "127.0.0.1", parts.port
    if is_loopback(host) and lan:
        host = lan
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme or 'http'}://{host}" + (f":{port}" if port else "")


def join_url(base: str, code: str) -> str:
    """The address in the QR code: the join page with the room's code filled in."""
    return f"{base}{JOIN_PATH}?code={quote(code)}"
