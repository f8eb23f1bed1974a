"""Issue 10's figures: the 50,000-hazard demo on a PostgreSQL server, beside SQLite's.

A throw-away server (the tests' own, but with PostgreSQL's default durability) is started on
127.0.0.1 for the run. Figures: writing the demo, opening it with the site tree and the first
1,000 rows, and the list sorted by description in Kazakh order (done in the core on both
engines), the last also on the .wrac file for comparison. Issue 22 item 7: the demo is written
by `wrac demo` in a child process (goal 30 s wall; the child's CPU seconds beside, the server's
own not counted), then approve, verify and check run on it in children, each with its peak RSS
(getrusage of the child; goal 400 MB).
"""

from __future__ import annotations

from argparse import Namespace
from pathlib import Path

from benchmarks.common import argument_parser, emit, timed
from benchmarks.scale_bench import APPROVER, MEMORY_GOAL_MB, wrac
from tests import pg_server
from wrac_desktop.persistence.queries import HazardFilter, hazard_ids, hazard_rows, site_tree
from wrac_desktop.register import open_location

WORKPLACES = 5000


def first_screen(location: str) -> int:
    with open_location(location) as register, register.uow.reading() as session:
        site_tree(session)
        return len(hazard_rows(session, HazardFilter(), limit=1000))


def sorted_by_description(location: str) -> int:
    with open_location(location) as register, register.uow.reading() as session:
        return len(hazard_ids(session, HazardFilter(), sort="description"))


def bench_server(sqlite_register: str | None) -> None:
    server = pg_server.start_server(durable=True)
    try:
        _create_database(server, "bench")
        url = server.url("bench")
        written = wrac("demo", url, "--workplaces", str(WORKPLACES), "--seed", "1")
        extra = {"cpu": round(written.cpu, 2), "peak_mb": round(written.peak_mb)}
        emit("postgres_demo_write_50k_hazards", written.wall, "s", goal=30, **extra,
             exit=written.code)  # fmt: skip
        seconds, rows = timed(lambda: first_screen(url))
        emit("postgres_open_tree_first_1000_rows", seconds, "s", goal=1.0, rows=rows)
        seconds, count = timed(lambda: sorted_by_description(url))
        emit("postgres_sort_50k_by_description", seconds, "s", goal=1.0, hazards=count)
        for command, args in (("approve", APPROVER), ("verify", ()), ("check", ())):
            run = wrac(command, url, *args)
            emit(f"postgres_{command}_50k_cpu", run.cpu, "s", wall=round(run.wall, 2),
                 exit=run.code)  # fmt: skip
            emit(f"postgres_{command}_50k_peak", run.peak_mb, "MB", goal=MEMORY_GOAL_MB)
    finally:
        pg_server.remove(server)
    if sqlite_register is not None:
        seconds, count = timed(lambda: sorted_by_description(sqlite_register))
        emit("sqlite_sort_50k_by_description", seconds, "s", goal=1.0, hazards=count)


def _create_database(server: pg_server.ThrowawayServer, name: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.server_bench", __doc__)
    parser.add_argument("sqlite_register", type=Path, nargs="?",
                        help="a 50,000-hazard .wrac file to sort beside the server's")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    bench_server(str(given.sqlite_register) if given.sqlite_register else None)
