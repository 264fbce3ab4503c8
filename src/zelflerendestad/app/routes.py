"""The app's addresses: `/` one's own city, `/room` the projector, `/join` the phones.

With `zelflerendestad app --room` (`server.ROOM_ENV`) `/` is the projector as well, so the
address the command prints opens the room's start screen.

`zelflerendestad app` serves this module (`server.APP_MODULE`): Solara reads `routes` and wraps
each page in the root route's `Layout`, which adds nothing (Solara's default, `AppLayout`,
would add an app bar with a tab per page).
"""

from __future__ import annotations

import os

import solara

from .page import Page
from .phone import PhonePage
from .projector import ProjectorPage
from .server import ROOM_ENV


@solara.component
def Home():
    """`/`: the projector when the app was started with `--room`, else one's own city."""
    if os.environ.get(ROOM_ENV) == "1":
        ProjectorPage()
    else:
        Page()


@solara.component
def Layout(children: list = []):  # noqa: B006 - Solara's layout signature
    """No chrome: each page draws its own header.

    AppLayout's container also absorbed the 2 px that the pages' Vuetify rows stick out on the
    right (their negative margins); without it the window would scroll sideways.
    """
    solara.Div(children=children, style={"overflow-x": "hidden"})


routes = [
    solara.Route(path="/", component=Home, label="stad", layout=Layout),
    solara.Route(path="room", component=ProjectorPage, label="ruimte"),
    solara.Route(path="join", component=PhonePage, label="meedoen"),
]
