"""A throw-away PostgreSQL server for the tests: initdb + pg_ctl in a temporary folder.

It listens on 127.0.0.1 only, on a free port, with password logins (so wrong passwords can be
tested) and durability switched off (its data is thrown away anyway). Run as root, the server
runs as an unprivileged user, as PostgreSQL insists.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "wrac_test"
PASSWORD = "Test-Пароль-1"  # non-ASCII on purpose: the connection must carry UTF-8 whole
QUOTED_PASSWORD = "Test-%D0%9F%D0%B0%D1%80%D0%BE%D0%BB%D1%8C-1"  # as it stands in a URL
SERVER_SETTINGS = ("fsync=off", "full_page_writes=off", "synchronous_commit=off")


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, or Debian's versioned folder."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ThrowawayServer:
    bin_dir: Path
    folder: Path
    port: int
    run_as: str | None
    settings: tuple[str, ...] = SERVER_SETTINGS
    free_databases: list[str] = field(default_factory=list)
    created: int = 0

    def take_database(self) -> str:
        """The URL of an empty database: one handed back by an earlier test, or a new one
        (CREATE DATABASE took half a second each on a busy machine; emptying takes ms)."""
        if self.free_databases:
            return self.url(self.free_databases.pop())
        self.created += 1
        name = f"wrac_{self.created}"
        self._admin("postgres", f"CREATE DATABASE {name}")
        return self.url(name)

    def give_back(self, url: str) -> None:
        """Empty a test's database for the next test; one still in use is left alone."""
        name = url.rsplit("/", 1)[1]
        try:
            self._admin(
                name,
                "SET lock_timeout = '2s'",
                "DROP SCHEMA public CASCADE",
                "CREATE SCHEMA public",
                "GRANT USAGE ON SCHEMA public TO PUBLIC",
            )
        except Exception:  # a test left a transaction open there: do not reuse it
            return
        self.free_databases.append(name)

    def _admin(self, database: str, *statements: str) -> None:
        from sqlalchemy import create_engine

        engine = create_engine(self.url(database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.exec_driver_sql(statement)
        finally:
            engine.dispose()

    @property
    def data_dir(self) -> Path:
        return self.folder / "data"

    def url(self, database: str, *, user: str = SUPERUSER, password: str = PASSWORD) -> str:
        from urllib.parse import quote

        secret = f":{quote(password)}" if password else ""
        return f"postgresql+psycopg://{user}{secret}@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)

    def start(self) -> None:
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD, encoding="utf-8")
        self._chown(self.folder, password_file)
        self._run(
            str(self.bin_dir / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
            "--pwfile", str(password_file), "--auth=scram-sha-256", "--encoding=UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        password_file.unlink()
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder}"
        options += "".join(f" -c {setting}" for setting in self.settings)
        log = str(self.folder / "server.log")
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-o", options, "-l", log,
            "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop")

    def _chown(self, *paths: Path) -> None:
        if self.run_as:
            import pwd  # Unix only, like running as root; tests/dist imports this on Windows

            entry = pwd.getpwnam(self.run_as)
            for path in paths:
                os.chown(path, entry.pw_uid, entry.pw_gid)


def unprivileged_user() -> str | None:
    """None when not root; else a system user the server may run as."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    import pwd

    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root, but there is no 'postgres' or 'nobody' user")


def start_server(*, durable: bool = False) -> ThrowawayServer:
    """``durable``: with PostgreSQL's default fsync settings, for benchmarks worth comparing."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: run scripts/system-deps.sh")
    folder = Path(tempfile.mkdtemp(prefix="wrac-pg-"))
    folder.chmod(0o700)
    settings = () if durable else SERVER_SETTINGS
    server = ThrowawayServer(bin_dir, folder, free_port(), unprivileged_user(), settings)
    try:
        server.start()
    except subprocess.CalledProcessError as error:
        log = folder / "server.log"
        detail = log.read_text() if log.exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"test PostgreSQL did not start: {error.stderr}{detail}") from error
    return server


def remove(server: ThrowawayServer) -> None:
    try:
        server.stop()
    finally:
        shutil.rmtree(server.folder, ignore_errors=True)
