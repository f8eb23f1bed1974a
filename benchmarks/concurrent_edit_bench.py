"""Issue 23 item 8's figure: what the audit chain's lock costs when many officers save at once.

Each writer is a process of its own (its own connections, no shared interpreter lock) that
saves a note on its own hazard as fast as it can; the figure is saves per second of all
writers together, for 1, 2 and 8 writers: on a server with PostgreSQL's default durability
(every commit waits for its flush to disk, and the chain's lock is held until the commit),
and on one with fsync off.
"""

from __future__ import annotations

import multiprocessing
import time
from argparse import Namespace
from typing import Any

from benchmarks.common import argument_parser, emit
from benchmarks.server_bench import _create_database
from tests import pg_server
from wrac_desktop.domain.bin import make_bin
from wrac_desktop.persistence import postgres
from wrac_desktop.persistence.audit import Actor
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.models import Hazard
from wrac_desktop.register import create_location, open_location
from wrac_desktop.services import assessments, editing, hazards, matrices, organisation

WRITER_COUNTS = (1, 2, 8)
SECONDS = 5.0


def make_register(url: str, hazard_count: int) -> list[int]:
    with create_location(url) as register, register.uow.transaction() as session:
        org = organisation.create_organisation(session, "Bench LLP", make_bin("05094001234"))
        site = organisation.add_unit(session, org, "Site")
        workplace = organisation.add_workplace(session, site, "Workplace")
        matrix = matrices.add_preset(session, "wrac_5x5")
        assessment = assessments.create_assessment(session, org, matrix, "Bench")
        added = [
            hazards.add_hazard(session, assessment, workplace, f"Hazard {number}")
            for number in range(hazard_count)
        ]
        session.flush()
        return [hazard.id for hazard in added]


def timing_lock_waits() -> list[float]:
    """Wrap the chain's lock so that each wait for it is timed (in this writer process)."""
    waits: list[float] = []
    lock = postgres.lock_audit_chain

    def timed_lock(connection: Any) -> None:
        start = time.perf_counter()
        lock(connection)
        waits.append(time.perf_counter() - start)

    postgres.lock_audit_chain = timed_lock  # type: ignore[assignment]
    return waits


def keep_saving(url: str, hazard_id: int, ready: Any, saves: multiprocessing.Queue) -> None:
    actor = Actor(f"Writer {hazard_id}", "bench")
    done = failed = 0
    waits = timing_lock_waits()
    with open_location(url, actor=actor, read_only=False) as register:
        ready.wait()  # every writer has its register open: all start together
        until = time.monotonic() + SECONDS
        while time.monotonic() < until:
            try:
                with register.uow.transaction() as session:
                    editing.set_fields(session, Hazard, hazard_id, notes=f"save {done}")
                done += 1
            except Exception:  # counted: the figure is worthless if any save fails
                failed += 1
    saves.put((done, failed, sum(waits)))


def saves_per_second(url: str, hazard_ids: list[int]) -> tuple[float, int, float]:
    """Saves per second of all writers, failed saves, share of the writers' time spent
    waiting for the chain's lock."""
    context = multiprocessing.get_context("spawn")
    saves: multiprocessing.Queue = context.Queue()
    ready = context.Barrier(len(hazard_ids))
    writers = [
        context.Process(target=keep_saving, args=(url, hazard_id, ready, saves))
        for hazard_id in hazard_ids
    ]
    for writer in writers:
        writer.start()
    results = [saves.get(timeout=120) for _writer in writers]
    for writer in writers:
        writer.join()
    done, failed, waited = (sum(column) for column in zip(*results, strict=True))
    return done / SECONDS, failed, waited / (SECONDS * len(hazard_ids))


def bench_concurrent_edits(*, durable: bool) -> None:
    server = pg_server.start_server(durable=durable)
    kind = "durable" if durable else "fsync_off"
    try:
        _create_database(server, "edits")
        url = server.url("edits")
        hazard_ids = make_register(url, max(WRITER_COUNTS))
        for count in WRITER_COUNTS:
            rate, failed, waiting = saves_per_second(url, hazard_ids[:count])
            name = f"postgres_{kind}_saves_per_second_{count}_writers"
            emit(name, rate, "1/s", failures=failed, waiting_for_lock=round(waiting, 3))
        with open_location(url) as register, register.uow.reading() as session:
            problems = list(chain_problems(session))
        emit(f"postgres_{kind}_audit_chain_problems_after", len(problems), "", goal=0)
    finally:
        pg_server.remove(server)


def arguments(argv: list[str] | None = None) -> Namespace:
    """No arguments: ``--help`` tells what runs; anything else is refused (exit 2)."""
    return argument_parser("benchmarks.concurrent_edit_bench", __doc__).parse_args(argv)


if __name__ == "__main__":
    arguments()
    bench_concurrent_edits(durable=True)
    bench_concurrent_edits(durable=False)  # the lock's own cost, without waiting for disks
