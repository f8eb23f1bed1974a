"""The long fuzz run of ``make soak``: ``python -m tests.fuzz.soak [--cases N] [--seed S]``.

Replays the corpus of known hostile files, then N generated worksheets and register files
through ``wrac`` in a worker process; prints how many cases were tried and how many crashed,
exited outside 0/1/2 or changed a register they refused. Exit status 1 if any did.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from tests.fuzz import cases
from tests.fuzz.harness import Runner
from tests.unit.importing import hostile


def corpus(folder: Path) -> list[cases.Case]:
    """The files of issue 23 that once aborted, hung or exited 3, made on the fly."""
    makers = {**hostile.HOSTILE_XLSX, **hostile.HOSTILE_CSV}
    found = []
    for name, make in makers.items():
        suffix = ".csv" if name in hostile.HOSTILE_CSV else ".xlsx"
        path = make(folder / f"{name}{suffix}")
        found.append(("worksheet", path.name, path.read_bytes()))
    return found


def pristine_register(folder: Path) -> Path:
    from wrac_desktop.cli.main import main

    path = folder / "pristine.wrac"
    assert main(["demo", str(path), "--workplaces", "2", "--seed", "5"]) == 0
    return path


def fuzz(runner: Runner, pristine: bytes, count: int, start: int) -> None:
    everything = st.one_of(cases.WORKSHEETS, cases.register_case(pristine))

    @seed(start)
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(everything)
    def one(case: cases.Case) -> None:
        runner.run(case)
        if runner.tally.tried % 500 == 0:
            print(runner.tally.summary(), flush=True)

    one()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=23)
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        register = pristine_register(Path(folder))
        runner = Runner(register)
        try:
            for case in corpus(Path(folder)):
                runner.run(case)
            fuzz(runner, register.read_bytes(), args.cases, args.seed)
        except Exception as error:  # the generator itself failed: say so, keep the counts
            print(f"fuzz: generation stopped: {type(error).__name__}: {error}"[:500])
            stopped = True
        else:
            stopped = False
        finally:
            runner.close()
    tally = runner.tally
    print(tally.summary())
    print(f"fuzz: {time.monotonic() - started:.0f} s")
    for failure in tally.failures[:50]:
        print(f"  {failure}")
    return 0 if tally.ok and not stopped else 1


if __name__ == "__main__":
    sys.exit(main())
