"""Issue 10's figures: the 50,000-hazard demo on a PostgreSQL server, beside SQLite's.

A throw-away server (the tests' own, but with PostgreSQL's default durability) is started on
127.0.0.1 for the run. Figures: writing the demo, opening it with the site tree and the first
1,000 rows, and the list sorted by description in Kazakh order (done in the core on both
engines), the last also on the .wrac file for comparison. Issue 22 item 7: the demo is written
by `wrac demo` in a child process (goal 30 s wall; the child's CPU seconds beside, the server's
own not counted), then approve, verify and check run on it in children, each with its peak RSS
(getrusage of the child; goal 400 MB). Beside the write, the server's own CPU seconds (its
processes', from /proc) and the wall time of each of its phases, from its log of every
statement during the write: loading the rows (COPY), building the keys and indexes after them,
ANALYZE and COMMIT, and the rest (the schema's migrations).
"""

from __future__ import annotations

import os
import re
from argparse import Namespace
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
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
        with server_phases(server) as phases:
            written = wrac("demo", url, "--workplaces", str(WORKPLACES), "--seed", "1")
        extra = {"cpu": round(written.cpu, 2), "peak_mb": round(written.peak_mb)}
        emit("postgres_demo_write_50k_hazards", written.wall, "s", goal=30, **extra,
             exit=written.code)  # fmt: skip
        for phase, seconds in phases.items():
            emit(f"postgres_demo_write_50k_server_{phase}", seconds, "s")
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
    _admin(server, f"CREATE DATABASE {name}")


def _admin(server: pg_server.ThrowawayServer, *statements: str) -> None:
    from sqlalchemy import create_engine

    admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    admin.dispose()


# A statement's phase by its first words (the log's "duration: … ms  statement: …" lines).
PHASES = (("COPY", "copy"), ("CREATE INDEX", "keys"), ("ALTER TABLE", "keys"),
          ("ANALYZE", "analyze"), ("COMMIT", "commit"))  # fmt: skip
LOGGED = re.compile(r"duration: ([0-9.]+) ms  (?:statement|execute [^:]*): (.*)")


@contextmanager
def server_phases(server: pg_server.ThrowawayServer) -> Iterator[dict[str, float]]:
    """The server's wall seconds in each phase of what runs inside, from its log of every
    statement, and its CPU seconds (``cpu``): filled in when the block ends."""
    phases: defaultdict[str, float] = defaultdict(float)
    log = server.folder / "server.log"
    start, cpu = log.stat().st_size, _server_cpu(server)
    _admin(server, "ALTER SYSTEM SET log_min_duration_statement = 0", "SELECT pg_reload_conf()")
    try:
        yield phases
    finally:
        _admin(server, "ALTER SYSTEM RESET log_min_duration_statement", "SELECT pg_reload_conf()")
    phases["cpu"] = _server_cpu(server) - cpu
    with open(log, encoding="utf-8", errors="replace") as lines:
        lines.seek(start)
        for found in filter(None, map(LOGGED.search, lines)):
            statement = found.group(2).lstrip().upper()
            phase = next((name for words, name in PHASES if statement.startswith(words)), "rest")
            phases[phase] += float(found.group(1)) / 1000


def _server_cpu(server: pg_server.ThrowawayServer) -> float:
    """CPU seconds of the server's processes, and of those that ended (the postmaster's
    children: a connection's backend ends with it)."""
    master = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    ticks = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            if int(entry.name) == master:
                ticks += sum(int(value) for value in fields[11:15])  # its own and children's
            elif int(fields[1]) == master:
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def arguments(argv: list[str] | None = None) -> Namespace:
    parser = argument_parser("benchmarks.server_bench", __doc__)
    parser.add_argument("sqlite_register", type=Path, nargs="?",
                        help="a 50,000-hazard .wrac file to sort beside the server's")  # fmt: skip
    return parser.parse_args(argv)


if __name__ == "__main__":
    given = arguments()
    bench_server(str(given.sqlite_register) if given.sqlite_register else None)
