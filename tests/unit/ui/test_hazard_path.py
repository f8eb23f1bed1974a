"""scripts/hazard_path.py: the path of one hazard from the panel to its PDF row stays short
and only goes down the layers (issue 20; docs/architecture.md), and its checker would see a
step back up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
import hazard_path  # noqa: E402
from hazard_path import Frame, upward_steps  # noqa: E402

from wrac_desktop.persistence import report_queries  # noqa: E402

ISSUE_20_FILES = 28  # the files one hazard's path touched when issue 20 was written


def steps_of(trace: hazard_path.PathTrace) -> set[hazard_path.Step]:
    return {step for moment in trace.moments for step in upward_steps(moment.stack)}


def test_the_path_is_short_reaches_every_moment_and_never_climbs(
    qtbot: QtBot, tmp_path: Path
) -> None:
    trace = hazard_path.trace_path(tmp_path)
    kinds = {moment.kind for moment in trace.moments}
    assert kinds == {"written", "read", "row", "drawn"}
    written = {moment.what for moment in trace.moments if moment.kind == "written"}
    assert {"UPDATE hazard SET", "INSERT INTO audit_log"} <= written
    read = {moment.what for moment in trace.moments if moment.kind == "read"}
    assert {"HazardRecord", "RegisterRow"} <= read
    # the panel's commit and File → Export, driven through the widgets, are on it
    assert {"ui/hazard_editor.py", "ui/export_controller.py"} <= set(trace.modules)
    assert "reports/reportlab_adapter.py" in trace.modules  # where the cell's text is encoded
    assert len(trace.modules) < ISSUE_20_FILES, trace.modules
    assert len(trace.ran) > len(trace.modules)  # the whole export runs far more
    assert steps_of(trace) == set()


def test_a_planted_call_back_up_is_caught(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A UI function planted on the path between the report's service and the query that
    reads the hazard's record: the checker names the step from the services up to it."""
    planted_file = ROOT / "wrac_desktop" / "ui" / "planted.py"  # never written: a code name
    namespace = {"original": report_queries.hazards_at}
    source = "def planted(*args, **kwargs):\n    return original(*args, **kwargs)\n"
    exec(compile(source, str(planted_file), "exec"), namespace)  # noqa: S102
    monkeypatch.setattr(report_queries, "hazards_at", namespace["planted"])
    trace = hazard_path.trace_path(tmp_path)
    assert Frame("ui/planted.py", "planted") in {f for m in trace.moments for f in m.stack}
    climbs = {(step.caller.module, step.callee.module) for step in steps_of(trace)}
    assert climbs == {("services/report_data.py", "ui/planted.py")}


def test_upward_steps_compares_the_layers_of_the_contract() -> None:
    down = (Frame("ui/operations.py", "_commit"), Frame("services/work.py", "committing"),
            Frame("persistence/bulk.py", "insert_many"), Frame("text.py", "fold"))  # fmt: skip
    assert upward_steps(down) == []
    sideways = (Frame("reports/pdf_grid.py", "draw"), Frame("reports/pdf_cells.py", "wrapped"))
    assert upward_steps(sideways) == []
    back_up = (Frame("services/work.py", "commit"), Frame("ui/operations.py", "_with_version"))
    assert upward_steps(back_up) == [hazard_path.Step(*back_up)]


def test_every_module_of_the_package_has_a_layer() -> None:
    package = ROOT / "wrac_desktop"
    tops = [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
    tops += [p.name for p in package.glob("*.py") if p.name != "__init__.py"]
    assert len(tops) > 20
    for top in tops:
        hazard_path.level_of(top)  # raises for a module in no layer
