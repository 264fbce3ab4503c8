"""How a browser tab follows a room it does not own: poll its version, redraw on change.

Every tab is its own Solara session; the room lives in the process-wide registry
(`room.ROOMS`) and raises `version` on every change (a join, a choice, a tick). A thread per
tab reads that integer a few times a second (no lock: an int read is atomic) and, only when it
moved, asks its callback what to show; the callback re-renders only if that changed. So a tick
costs a phone one `view()` call, and a re-render only when its own screen differs.

The same thread tells the room when the tab's page is gone (`presence.browser_watch`): a phone
that drops out is handed to the model (`on_gone`) and taken back when its page reconnects
(`on_back`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import solara

from .presence import browser_watch

POLL_SECONDS = 0.25  # the projector sees a join or a choice within a quarter of a second


def watch_loop(version: Callable[[], int], changed: Callable[[int], None],
               cancel: threading.Event, watched: Callable[[], bool] = lambda: True,
               on_gone: Callable[[], None] = lambda: None,
               on_back: Callable[[], None] = lambda: None,
               every: float = POLL_SECONDS) -> None:
    """Until `cancel`: `changed(v)` when `version()` moves, `on_gone`/`on_back` on page loss.

    Runs in the tab's thread (`use_room_watch`). A closed tab ends its session, which cancels
    the thread: leaving the loop while here also counts as gone.
    """
    seen, here = None, True
    while not cancel.is_set():
        now_here = watched()
        if here and not now_here:
            on_gone()
        elif now_here and not here:
            on_back()
            seen = None  # show the state as it is now, whatever happened while away
        here = now_here
        v = version()
        if v != seen:
            seen = v
            changed(v)
        cancel.wait(every)
    if here:
        on_gone()


def use_room_watch(version: Callable[[], int] | None, changed: Callable[[int], None],
                   on_gone: Callable[[], None] = lambda: None,
                   on_back: Callable[[], None] = lambda: None, key: object = None,
                   every: float = POLL_SECONDS) -> None:
    """Run `watch_loop` in a thread of the current tab while `version` is given."""
    watched = solara.use_memo(browser_watch, [])

    def run(cancel: threading.Event) -> None:
        if version is not None:
            watch_loop(version, changed, cancel, watched, on_gone, on_back, every)

    solara.use_thread(run, dependencies=[key], intrusive_cancel=False)
