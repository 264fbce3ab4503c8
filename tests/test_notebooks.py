"""The example notebooks (docs/notebooks/) run from top to bottom without an error."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))


def _outputs(nb) -> str:
    return "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                     for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs)


def test_the_notebooks_run_in_order_and_show_their_results(tmp_path, monkeypatch):
    monkeypatch.setenv("ZELFLERENDESTAD_NOTEBOOK_OUT", str(tmp_path))
    monkeypatch.setenv("ZELFLERENDESTAD_CONFIGS", str(ROOT / "configs"))
    assert [p.name for p in NOTEBOOKS] == ["01_first_run.ipynb", "02_sweep_paired.ipynb",
                                           "03_results_polars.ipynb"]
    shown = {}
    for path in NOTEBOOKS:  # in order: the polars notebook reads the paired sweep
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        shown[path.stem] = _outputs(nb)
    assert "weeks: 52" in shown["01_first_run"] and "running: False" in shown["01_first_run"]
    assert "mean_diff" in shown["02_sweep_paired"] and "p_paired" in shown["02_sweep_paired"]
    assert "refused: nothing to do" in shown["02_sweep_paired"] or \
        "already holds this sweep" in shown["02_sweep_paired"]
    assert "(8," in shown["03_results_polars"]  # 2 points x 4 replications
    assert (tmp_path / "paired" / "runs.parquet").exists()
    assert os.environ["ZELFLERENDESTAD_NOTEBOOK_OUT"] == str(tmp_path)
