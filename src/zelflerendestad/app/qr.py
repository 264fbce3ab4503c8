"""The join QR code on the projector: the participants' address as an SVG data URI.

address -> `segno` (a pure-Python QR encoder) -> SVG -> `data:` URI for an <img>. The page's
content security policy allows `data:` images, so nothing is fetched; SVG stays sharp on any
beamer. Error correction "M" still reads when a lamp's glare washes out part of the code.
"""

from __future__ import annotations

import segno


def qr_data_uri(text: str, scale: int = 8) -> str:
    """`text` (the join address) as a QR code in an SVG data URI, black on white."""
    return segno.make(text, error="m", micro=False).svg_data_uri(
        scale=scale, border=2, dark="#000000", light="#ffffff")
