"""Is anyone still watching this session? Play stops when its browser page is gone.

Page -> `browser_watch()` (once per session, at first render) -> a function the Play loop
asks every tick. Solara tracks each session's pages (connected, disconnected, closed); a tab
closed or a laptop gone leaves none connected, and Play then stops within one tick instead of
stepping a city nobody sees until the session is freed (`server.CULL_TIMEOUT`).
"""

from __future__ import annotations

from collections.abc import Callable


def browser_watch() -> Callable[[], bool]:
    """A function that is True while the current session has a connected page.

    Also True when no pages are tracked at all (the page rendered without a server, in tests).
    """
    from solara.server import kernel_context

    if not kernel_context.has_current_context():
        return lambda: True
    context = kernel_context.get_current_context()

    def watched() -> bool:
        statuses = list(context.page_status.values())
        gone = context.closed_event.is_set()
        return not gone and (not statuses or kernel_context.PageStatus.CONNECTED in statuses)

    return watched
