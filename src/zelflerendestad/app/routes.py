"""The app's addresses: `/` one's own city, `/room` the projector, `/join` the phones.

`zelflerendestad app` serves this module (`server.APP_MODULE`): Solara reads `routes` and wraps
each page in the root route's `Layout`, which adds nothing (Solara's default, `AppLayout`,
would add an app bar with a tab per page).
"""

from __future__ import annotations

import solara

from .page import Page
from .phone import PhonePage
from .projector import ProjectorPage


@solara.component
def Layout(children: list = []):  # noqa: B006 - Solara's layout signature
    """No chrome: each page draws its own header."""
    solara.Div(children=children)


routes = [
    solara.Route(path="/", component=Page, label="stad", layout=Layout),
    solara.Route(path="room", component=ProjectorPage, label="ruimte"),
    solara.Route(path="join", component=PhonePage, label="meedoen"),
]
