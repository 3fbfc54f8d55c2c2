"""The ``prodvor`` command as a user runs it: embedded PostgreSQL, demo data, dev tokens."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.cli import _freeze_startup_objects
from app.embedded_pg import free_port

ROOT = Path(__file__).resolve().parent.parent
PRODVOR = [sys.executable, "-m", "app"]


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PRODVOR, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def dev_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "AUTH_", "APP_"))}
    return {**env, "APP_ENV": "dev", "DATA_DIR": str(tmp_path / "data")}


@pytest.fixture
def served(dev_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path / "serve.log"
    # A file, not a pipe: a pipe nobody reads can fill up and stall the server.
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*PRODVOR, "serve", "--migrate", "--seed", "--port", str(port)],
            env={**dev_env, "AUTH_PUBLIC_URL": f"http://127.0.0.1:{port}"},
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        # Generous: a first start initialises a PostgreSQL cluster, migrates and seeds it.
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"serve did not become ready:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(30)
    cluster = Path(dev_env["DATA_DIR"]) / "pg" / "postmaster.pid"
    assert not cluster.exists(), "serve left its embedded PostgreSQL running"


def test_serve_embedded_end_to_end(served: str, dev_env: dict[str, str]) -> None:
    assert httpx.get(f"{served}/healthz").json() == {"status": "ok"}
    assert (
        "graphiql" in httpx.get(f"{served}/graphql", headers={"Accept": "text/html"}).text.lower()
    )
    token = run("dev-token", "alice", env={**dev_env, "AUTH_PUBLIC_URL": served}).stdout.strip()

    response = httpx.post(
        f"{served}/graphql",
        json={"query": "query { me { nickname roles } }"},
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.json() == {
        "data": {"me": {"nickname": "alice", "roles": ["CAPTAIN", "PLAYER"]}}
    }


def test_dev_token_is_refused_outside_dev(dev_env: dict[str, str]) -> None:
    result = run("dev-token", "alice", env={**dev_env, "APP_ENV": "prod"})

    assert result.returncode == 2
    assert result.stdout == ""


def test_dev_token_rejects_unknown_users(dev_env: dict[str, str]) -> None:
    result = run("dev-token", "mallory", env=dev_env)

    assert result.returncode == 2


def test_export_schema_prints_the_committed_schema(dev_env: dict[str, str]) -> None:
    result = run("export-schema", env=dev_env)

    assert result.returncode == 0
    assert result.stdout == (ROOT / "schema.graphql").read_text()


def test_long_running_commands_leave_startup_objects_out_of_collections() -> None:
    try:
        _freeze_startup_objects()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
