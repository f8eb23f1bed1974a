"""A disk that fills up during `wrac import` or `wrac export`: the command fails, the register
is as it was and passes `wrac check`, and no half-written report is left at the target name.

The full disk is a small tmpfs where the test may mount one (as root on Linux); elsewhere the
child's RLIMIT_FSIZE stands in for it (``tests/small_disk.py``). Both are run where both are
possible; ``make soak`` fills the disk at random points of an import.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import crash_kills
from tests.crash_children import Kill, run_wrac
from tests.crash_kills import REGISTER, SHEET, Killer
from tests.register_state import integrity, snapshot
from tests.small_disk import SmallDisk, small_disk

# A user error (2), never an internal error: the disk is the user's to free. (Item 17 of
# issue 23 words the messages; these cases already exit 2.)
FAILED_EXITS = (1, 2)
FREE_BYTES = 48 * 1024  # left on the disk: the register opens, the import cannot finish
REPORT_ROOM = 4096  # left on the disk for a report
CHECKPOINT_ROOM = 760 * 1024  # a revision's commit fits, folding it into the file does not
# (issue 16's translation search texts: fits from about 680 KB)
# The file size limit that stands in for it: the -wal file (about 530 KB) stays under the
# register's own size, but the register may not grow by the 430 KB folding the revision adds.
FOLD_ROOM = 256 * 1024
# The file size limit that stands in for it: a reader's -shm file (32 KiB) and the log fit.
REPORT_LIMIT = 32 * 1024 + 2048
# For the import: its write-ahead log may not pass this. A fixed figure, not the register's
# size plus FREE_BYTES: each new schema's tables made that room larger until the import fitted.
IMPORT_LIMIT = 2 * FREE_BYTES


@pytest.fixture(scope="module")
def killer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Killer]:
    yield Killer(tmp_path_factory.mktemp("disk-full"))


@pytest.fixture(params=["tmpfs", "file-size-limit"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SmallDisk]:
    """Both where a tmpfs can be mounted; the file size limit alone elsewhere."""
    with small_disk(tmp_path / "disk", want_tmpfs=request.param == "tmpfs") as made:
        yield made


def test_an_import_onto_a_full_disk_changes_nothing(
    killer: Killer, disk: SmallDisk, tmp_path: Path
) -> None:
    scenario = crash_kills.scenarios()[0]
    assert scenario.name == "import"
    killer.prepare(scenario)
    assert scenario.base is not None
    register = disk.folder / REGISTER
    shutil.copy(scenario.base / REGISTER, register)
    shutil.copy(scenario.base / SHEET, tmp_path / SHEET)
    limit = disk.fill(FREE_BYTES, IMPORT_LIMIT)
    argv = ["import", str(register), str(tmp_path / SHEET)]
    result = run_wrac(killer.context, tmp_path, argv, Kill(), limit)
    assert result.exit_code in FAILED_EXITS, result.output
    assert "Traceback" not in result.output and "is full" in result.output, result.output
    assert integrity(register) == "ok"
    assert snapshot(register) == scenario.before  # all or nothing: nothing
    (disk.folder / "filler").unlink(missing_ok=True)
    checked = run_wrac(killer.context, tmp_path, ["check", str(register)], Kill())
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_an_export_onto_a_full_disk_leaves_no_half_written_report(
    killer: Killer, disk: SmallDisk, tmp_path: Path, kind: str
) -> None:
    scenario = crash_kills.scenarios()[0]
    killer.prepare(scenario)  # its whole run: a register whose reports outgrow REPORT_LIMIT
    register = tmp_path / REGISTER
    shutil.copy(killer.whole_run(scenario), register)
    before = snapshot(register)
    argv = ["export", str(register), "--report", "register", "--format", kind, "-o"]
    whole = run_wrac(killer.context, tmp_path, [*argv, f"whole.{kind}"], Kill())
    assert whole.exit_code == 0 and (tmp_path / f"whole.{kind}").stat().st_size > REPORT_LIMIT
    target = disk.folder / f"report.{kind}"
    limit = disk.fill(REPORT_ROOM, REPORT_LIMIT)
    result = run_wrac(killer.context, tmp_path, [*argv, str(target)], Kill(), limit)
    assert result.exit_code in FAILED_EXITS, result.output
    assert "Traceback" not in result.output
    assert not target.exists()
    assert snapshot(register) == before


def test_a_revise_that_commits_but_cannot_fold_its_wal_back_succeeds(
    killer: Killer, disk: SmallDisk, tmp_path: Path
) -> None:
    """With about 400 KB left the new revision's commit fits in the -wal file, but folding
    it into the register at close does not: that exited 3 "internal error" after the work was
    saved. The work stays in the -wal file, found by the next open."""
    scenario = next(s for s in crash_kills.scenarios() if s.name == "revise")
    killer.prepare(scenario)
    run = crash_kills.fresh_copy(scenario, tmp_path / "run")
    register = disk.folder / REGISTER
    shutil.move(run / REGISTER, register)
    limit = disk.fill(CHECKPOINT_ROOM, register.stat().st_size + FOLD_ROOM)
    result = run_wrac(killer.context, run, ["revise", str(register)], Kill(), limit)
    assert result.exit_code == 0, result.output
    wal = disk.folder / f"{REGISTER}-wal"  # the case meant: the work was not folded in
    assert wal.exists() and wal.stat().st_size > 0
    (disk.folder / "filler").unlink(missing_ok=True)
    assert integrity(register) == "ok"
    assert crash_kills.left_behind(scenario, register) == "as a whole run"
    checked = run_wrac(killer.context, run, ["check", str(register)], Kill())
    assert checked.exit_code == 0, checked.output
