"""A sweep's progress in a log file: what the lines say, and how often they come."""

from __future__ import annotations

import pytest

from zelflerendestad.sweeps import progress
from zelflerendestad.sweeps.progress import SweepProgress


@pytest.fixture
def clock(monkeypatch):
    """A hand-driven `time.monotonic` for the progress module."""
    now = [1000.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    return now


@pytest.mark.parametrize(("seconds", "text"), [
    (0, "0m00s"), (59.9, "0m59s"), (61, "1m01s"), (3599, "59m59s"), (3600, "1h00m"),
    (7384, "2h03m")])
def test_clock_reads_minutes_and_seconds_then_hours_and_minutes(seconds, text):
    assert progress._clock(seconds) == text


def test_line_counts_resumed_runs_and_estimates_time_left_from_this_session(clock):
    p = SweepProgress(total=100, already=40, live=False)
    assert p.line() == "sweep: 40/100 runs, 0m00s elapsed"  # no estimate before a run ends
    clock[0] += 60
    for status in ("ok", "ok", "failed", "lost"):
        p.advance(status)
    # 4 runs in 60 s this session, 56 to go: 14 minutes left
    assert p.line() == "sweep: 44/100 runs (2 failed), 1m00s elapsed, ~14m00s left"
    assert p.counts == {"ok": 2, "failed": 1, "lost": 1} and p.done == 4


def test_a_log_gets_a_line_every_so_often_and_always_the_last(clock, capsys):
    p = SweepProgress(total=3, live=False, every_seconds=30)
    with p:
        p.advance("ok")  # 0 s since the start: quiet
        clock[0] += 31
        p.advance("ok")  # 31 s: a line
        clock[0] += 1
        p.advance("ok")  # the last run: a line, however soon
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["sweep: 2/3 runs, 0m31s elapsed, ~0m15s left",
                     "sweep: 3/3 runs, 0m32s elapsed"]


def test_a_terminal_gets_a_live_bar_instead_of_lines(capsys):
    with SweepProgress(total=2, live=True) as p:
        p.advance("ok")
        p.advance("failed")
    err = capsys.readouterr().err
    assert "sweep" in err and "2/2" in err and "1 failed" in err
    assert "runs," not in err  # not the log line
