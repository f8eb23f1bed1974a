"""Fill the disk at random points of the commands that write a register (``make soak``).

The register lives on a small disk (``tests/small_disk.py``) with a random amount of room
left. Each run must either complete (exit 0, the register as a whole run leaves it) or refuse
(exit 1 or 2, the register as before); after it, the same checks as after a kill
(``crash_kills.problems_after``): integrity, `wrac check`, untouched rows, the merge's other
copy.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tests.crash_children import Kill, run_wrac
from tests.crash_kills import (
    REGISTER,
    Campaign,
    Killer,
    Scenario,
    fresh_copy,
    left_behind,
    problems_after,
    scenarios,
)
from tests.small_disk import SmallDisk, small_disk

MOST_ROOM = 1024 * 1024  # some runs have room enough to complete, some not
CLEAN_EXITS = (0, 1, 2)


def fill_runs(
    killer: Killer, scenario: Scenario, disk: SmallDisk, count: int, seed: int, campaign: Campaign
) -> None:
    """``count`` runs of the scenario's command with a random amount of room left (seeded)."""
    rng = random.Random(f"{seed}:disk:{scenario.name}")
    for number in range(count):
        room = rng.randint(0, MOST_ROOM)
        run_folder = fresh_copy(scenario, killer.folder / scenario.name / "disk-run")
        disk.empty()
        on_disk = disk.folder / REGISTER
        shutil.move(run_folder / REGISTER, on_disk)
        limit = disk.fill(room, on_disk.stat().st_size + room)
        argv = [str(on_disk) if word == REGISTER else word for word in scenario.argv]
        result = run_wrac(killer.context, run_folder, argv, Kill(), limit)
        (disk.folder / "filler").unlink(missing_ok=True)
        for path in disk.folder.glob(f"{REGISTER}*"):
            shutil.move(path, run_folder / path.name)
        outcome = campaign.finished if result.exit_code == 0 else campaign.kills
        outcome[scenario.name] += 1
        campaign.left[scenario.name, left_behind(scenario, run_folder / REGISTER)] += 1
        problems = problems_after(killer.context, scenario, run_folder, result, CLEAN_EXITS)
        campaign.failures += [f"{scenario.name} #{number} ({room} B free): {p}" for p in problems]


def main() -> int:
    parser = argparse.ArgumentParser(description="fill the disk under wrac commands")
    parser.add_argument("--runs", type=int, default=40, help="runs of each command")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    campaign = Campaign()
    with tempfile.TemporaryDirectory(prefix="wrac-disk-full-") as folder:
        os.environ.setdefault("WRAC_DATA_DIR", str(Path(folder) / "data"))
        os.environ.setdefault("WRAC_CONFIG_DIR", str(Path(folder) / "config"))
        killer = Killer(Path(folder) / "work")
        with small_disk(Path(folder) / "disk") as disk:
            for scenario in scenarios():
                if scenario.changes_register:
                    killer.prepare(scenario)
                    fill_runs(killer, scenario, disk, args.runs, args.seed, campaign)
    kind = "a tmpfs" if disk.tmpfs else "RLIMIT_FSIZE"
    for name in sorted(set(campaign.kills) | set(campaign.finished)):
        print(
            f"disk-full soak {name} ({kind}): {campaign.kills[name]} refused, "
            f"{campaign.finished[name]} completed"
        )
    for failure in campaign.failures:
        print(f"FAILURE {failure}")
    runs = sum(campaign.kills.values()) + sum(campaign.finished.values())
    print(f"disk-full soak (seed {args.seed}): {runs} runs, {len(campaign.failures)} failures")
    return 1 if campaign.failures else 0


if __name__ == "__main__":
    sys.exit(main())
