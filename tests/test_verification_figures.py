"""Figures of the docking checks: one PNG per check that has data, named after the check."""

from __future__ import annotations

import struct

import numpy as np

from zelflerendestad.verification import figures
from zelflerendestad.verification.common import Check


def check(name: str, data: dict) -> Check:
    return Check(name, f"Title of {name}", {"x": 1.0}, "x = 1", "exact", True, data=data)


def png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_a_check_with_data_gets_its_png_at_its_registered_size(tmp_path):
    t = np.arange(20.0)
    target = 1 - 0.9**t
    c = check("bass_q0", {"t": t, "mean": target + 0.01, "target": target, "se": t * 0 + 0.01})
    assert figures.draw(c, tmp_path / "verification") == ["bass_q0.png"]
    width, height = figures.PLOTS["bass_q0"][1]
    assert png_size(tmp_path / "verification" / "bass_q0.png") == (round(width * 110),
                                                                  round(height * 110))


def test_turbulence_draws_one_line_per_turnover_rate(tmp_path, monkeypatch):
    drawn = []
    real = figures.march_turbulence

    def spy(c, fig):
        real(c, fig)
        drawn.extend(line.get_label() for line in fig.axes[0].get_lines())

    monkeypatch.setitem(figures.PLOTS, "march_turbulence",
                        (spy, figures.PLOTS["march_turbulence"][1]))
    paths = [np.linspace(0.2, 0.8, 30), np.linspace(0.2, 0.5, 30)]
    c = check("march_turbulence", {"rates": [0.0, 0.02], "paths": paths})
    assert figures.draw(c, tmp_path) == ["march_turbulence.png"]
    assert drawn == ["turnover 0 per week", "turnover 0.02 per week"]


def test_no_figure_without_data_or_for_a_check_with_no_plot(tmp_path):
    assert figures.draw(check("bass_q0", {}), tmp_path) == []
    assert figures.draw(check("golden_runs", {"rows": [1]}), tmp_path) == []
    assert list(tmp_path.iterdir()) == []
