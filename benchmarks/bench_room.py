"""A workshop room of 40 phones on one server process: the projector's tick and the server's RSS.

What the server does in a room, in one process, without browsers or websockets:
- the projector: `Projector.tick` (the room applies the waiting choices and steps one week)
  plus the redraw the projector page makes in each tick (`SessionState.draw`: the plots and
  the city; `LiveWidgets.show`), timed per tick, one tick every 0.4 s through the loop the
  projector's clock plays (`live.play`: the pictures go out once the browser has shown the
  last ones), against a simulated browser that takes BROWSER_MS to show a frame and shows the
  newest one it has (so a frame replaced before it was shown is a week the room never saw);
  BENCH_LOOP=fixed plays as the clock did until 4505863 (a fixed pause, not waiting);
- PHONES participants, each rendered as the phone page renders it on the server
  (`phone.PlayScreen` through `solara.render`, with its own watch thread polling the room's
  version every 0.25 s and calling `Room.view` and re-rendering when its screen changed), and
  each making a choice of its role through `Room.choose` every CHOICE_SECONDS (staggered), as
  a phone's button does. The roles are the room's balanced assignment.
It prints the tick's median, p95 and max, the same for the projector alone (no phones), and RSS
before the room, with the room and the phones, and after the room is closed and the phones are
gone. Left out: the websocket transport, the browsers' own work, Solara's per-session kernel.
Run: .venv/bin/python benchmarks/bench_room.py   (PHONES=40 TICKS=40 RESIDENTS=2000
BROWSER_MS=30 BENCH_LOOP=clock)
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path

PHONES = int(os.environ.get("PHONES", "40"))
TICKS = int(os.environ.get("TICKS", "40"))
RESIDENTS = int(os.environ.get("RESIDENTS", "2000"))  # the default scenario's size
CHOICE_SECONDS = float(os.environ.get("CHOICE_SECONDS", "4"))  # each phone, one choice per
TICK_SECONDS = 0.4  # the projector's Play: a tick every 0.4 s (`page.TICK_SECONDS`)
BROWSER_MS = float(os.environ.get("BROWSER_MS", "30"))  # bench_app: ~30 ms of CPU a frame
LOOP = os.environ.get("BENCH_LOOP", "clock")  # "fixed": the pause the clock had before


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def config():  # noqa: ANN201
    from zelflerendestad.config import validate_mapping

    return validate_mapping({"city": {"residents": RESIDENTS}}, file="bench")


def a_choice(view: dict, rng: random.Random) -> dict | None:
    """A plausible choice for this phone's role from what its screen offers."""
    role, me, options = view["role"], view.get("me") or {}, view.get("options") or {}
    if role == "council":
        return {"kind": "council_vote", "vertical_share": rng.choice([0.2, 0.5, 0.8]),
                "subsidy": rng.random() < 0.5}
    if role == "official":
        desk = rng.choice([0.2, 0.4, 0.6])
        return {"kind": "official_week", "desk": desk, "street": (1 - desk) / 2,
                "learning": (1 - desk) / 2}
    initiatives = [e["commons"] for e in options.get("initiatives") or []]
    if role == "connector":
        people = [e["resident"] for e in options.get("people") or []]
        if people and (not initiatives or rng.random() < 0.5):
            return {"kind": "connector_act", "action": "connect", "other": people[0]}
        if initiatives:
            return {"kind": "connector_act", "action": "support", "commons": initiatives[0]}
        return None
    if me.get("member_of", -1) >= 0:
        return {"kind": "resident_act", "action": rng.choice(["contribute", "free_ride"])}
    if initiatives and rng.random() < 0.5:
        return {"kind": "resident_act", "action": "join", "commons": initiatives[0]}
    return {"kind": "resident_act", "action": "start"}


def chooser(room, tokens: list[str], stop: threading.Event, counts: dict) -> None:  # noqa: ANN001
    """Every phone makes a choice every CHOICE_SECONDS, staggered over that interval."""
    from zelflerendestad.room import RoomError

    rng = random.Random(1)
    gap = CHOICE_SECONDS / max(1, len(tokens))
    while not stop.is_set():
        for token in tokens:
            if stop.wait(gap):
                return
            try:
                choice = a_choice(room.view(token), rng)
                if choice is not None:
                    room.choose(token, choice)
                    counts["sent"] += 1
            except RoomError:
                counts["refused"] += 1


class SimulatedBrowser:
    """Shows the newest frame sent, BROWSER_MS each, and answers the FrameClock as a page does."""

    def __init__(self, clock) -> None:  # noqa: ANN001
        self.clock, self.newest, self.shown = clock, 0, []
        self.arrived = threading.Condition()
        self.done = False
        clock.observe(self._sent, "sent")
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _sent(self, change: dict) -> None:
        with self.arrived:
            self.newest = change["new"]
            self.arrived.notify()

    def _run(self) -> None:
        last = 0
        while True:
            with self.arrived:
                while self.newest == last and not self.done:
                    self.arrived.wait()
                if self.done:
                    return
                last = self.newest
            time.sleep(BROWSER_MS / 1000)
            self.shown.append(last)
            self.clock.shown = last

    def close(self) -> int:
        """The frames sent that were never shown."""
        time.sleep(2 * BROWSER_MS / 1000)
        with self.arrived:
            self.done = True
            self.arrived.notify()
        self.thread.join()
        return self.clock.sent - len(self.shown)


def ticks(held, n: int) -> tuple[list[float], int]:  # noqa: ANN001
    """n projector ticks as its clock plays them: week, redraw and show, timed (not the wait
    for the browser); and the weeks the simulated browser never showed."""
    from zelflerendestad.app.live import LiveWidgets, play

    live = LiveWidgets()
    browser = SimulatedBrowser(live.clock)
    out = []

    def tick(caught_up) -> bool:  # noqa: ANN001
        began = time.perf_counter()
        held.tick(1)
        frames = held.state.draw("nl", "engagement", False)
        waited = time.perf_counter()
        caught_up()
        began += time.perf_counter() - waited
        live.show(frames, f"Week {held.room.model.week}")
        out.append(time.perf_counter() - began)
        return len(out) < n

    if LOOP == "fixed":
        while tick(lambda: None):
            time.sleep(max(0.02, TICK_SECONDS - out[-1]))
    else:
        play(tick, live.clock, lambda: True, threading.Event(), TICK_SECONDS)
    return out, browser.close()


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"median {statistics.median(ms):6.0f} ms   p95 {p95:6.0f} ms   max {ms[-1]:6.0f} ms"


def main() -> None:
    import ctypes

    import solara

    from zelflerendestad.app.phone import PlayScreen
    from zelflerendestad.app.room_state import Projector
    from zelflerendestad.room import Registry

    print(f"a room of {PHONES} phones, {TICKS} ticks of 1 week, {RESIDENTS} residents, a choice "
          f"per phone every {CHOICE_SECONDS:g} s, {LOOP} loop, a browser taking {BROWSER_MS:g} "
          f"ms a frame (python {sys.version.split()[0]}, {os.cpu_count()} cpus, load "
          f"{os.getloadavg()[0]:.1f})")
    gc.collect()
    before = rss_mb()
    rooms = Registry()
    alone_room, token = rooms.open_room(config())
    alone = Projector.attach(alone_room, token, None, [])
    alone.state.draw("nl", "engagement", False)
    samples, unseen = ticks(alone, TICKS)
    print(f"  projector alone   {summary(samples)}   weeks not shown {unseen}")
    rooms.close(alone_room.code, token)
    del alone, alone_room

    room, token = rooms.open_room(config())
    held = Projector.attach(room, token, None, [])
    held.state.draw("nl", "engagement", False)
    tokens = [room.join(room.code, None, f"p{i}") for i in range(PHONES)]
    roles = [room.view(t)["role"] for t in tokens]
    phones = [solara.render(PlayScreen(room, t, "nl", lambda lang: None), handle_error=False)[1]
              for t in tokens]
    built = rss_mb()
    stop, counts = threading.Event(), {"sent": 0, "refused": 0}
    driver = threading.Thread(target=chooser, args=(room, tokens, stop, counts))
    driver.start()
    cpu, wall = time.process_time(), time.perf_counter()
    samples, unseen = ticks(held, TICKS)
    cores = (time.process_time() - cpu) / (time.perf_counter() - wall)
    stop.set()
    driver.join()
    played = rss_mb()
    mix = ", ".join(f"{roles.count(r)} {r}" for r in sorted(set(roles)))
    print(f"  with {PHONES} phones    {summary(samples)}   weeks not shown {unseen}; "
          f"cpu {cores:.2f} cores; "
          f"{counts['sent']} choices sent, {counts['refused']} refused; roles: {mix}")
    print(f"  RSS: {before:.0f} MB before the room, {built:.0f} MB with the room and "
          f"{PHONES} phones rendered (+{(built - before) / PHONES:.1f} MB per phone, the "
          f"city and the projector's canvases included), {played:.0f} MB after {TICKS} ticks")
    for rc in phones:
        rc.close()
    rooms.close(room.code, token)
    del phones, held, room
    gc.collect()
    ctypes.CDLL(None).malloc_trim(0)
    print(f"  RSS after the room is closed and the phones are gone: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
