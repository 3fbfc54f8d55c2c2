"""``make bench``: the frontend's main pages under load, and the in-process benchmarks.

    .venv/bin/python bench/run.py [--scale 1] [--seed 1] [--duration 20] [--connections 16]

Starts an embedded PostgreSQL, loads ``prodvor seed --scale`` into it, serves the API with
``prodvor serve`` (one uvicorn worker), picks a viewer and the pages' subjects from the data,
checks each operation of bench/operations once (no errors) and counts its SQL statements
in-process, warms up, then drives every operation with ``wrk`` (a Lua script posting the
document with the viewer's bearer token), once with the response cache off and once as
deployed. Writes a Markdown table per pass (requests/s, p50, p99, server CPU per request, SQL
statements, server peak RSS) with the machine's description to bench/results/<date>.md, then
appends what the in-process benchmarks (bench/*.py) print. The viewer's token comes from the
dev issuer (``AUTH_DEV_ISSUER``), minted for the dataset user's subject, as in bench/chat.py.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine

from app.auth.dev_issuer import DevIssuer
from app.auth.roles import Role
from app.dataset.people import subject_of, username_of
from app.db import Database, create_engine
from app.embedded_pg import EmbeddedPostgres, free_port
from app.logging import configure_logging
from app.main import build_container, create_app
from app.migrate import upgrade
from app.settings import AppEnv, AuthSettings, DatabaseSettings, GraphQLSettings, Settings

BENCH = Path(__file__).parent
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[")
"""What an in-process benchmark's own app logs to stdout (not a figure)."""
OPERATIONS = BENCH / "operations"
PASSES: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "Every request executed (response cache off)",
        {"GRAPHQL_RESPONSE_CACHE_S": "0"},
    ),
    (
        "As deployed (response cache on: each page's repeated request is answered from memory "
        "when its document is cacheable; the dashboard and chat history are not)",
        {},
    ),
)
"""Both passes on one dataset: the cost of building each page, and what a replica serves
when the same public page is asked for again within ``GRAPHQL_RESPONSE_CACHE_S``."""
IN_PROCESS = (
    ["tournaments.py"],
    ["events.py", "--events", "5000", "--latency-events", "300"],
    ["economy.py", "--newcomers", "500", "--clients", "16", "--claims", "10"],
    ["search.py", "--size", "20000", "--queries", "100"],
    ["chat.py", "--subscribers", "500", "--messages", "10"],
)


@dataclass
class Targets:
    viewer_number: int
    viewer_name: str
    variables: dict[str, dict[str, Any]]


@dataclass
class Measured:
    operation: str
    rps: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float
    """The server process's CPU time per completed request: steadier than requests/s on a
    machine whose speed varies from minute to minute."""
    statements: int
    errors: str


async def pick_targets(url: str) -> Targets:
    """A viewer in a team with a chat and upcoming matches; the busiest subject of each page."""
    db = Database(create_engine(url, DatabaseSettings()))
    queries = {
        "viewer": """
            SELECT u.subject, u.full_name, m.team_id FROM users u
            JOIN team_members m ON m.user_id = u.id
            JOIN matches x ON x.home_team_id = m.team_id AND x.status = 'SCHEDULED'
            WHERE u.subject LIKE 'dataset-%'
            GROUP BY u.subject, u.full_name, m.team_id ORDER BY count(*) DESC, u.subject LIMIT 1
        """,
        "team": """
            SELECT t.id FROM teams t JOIN team_members m ON m.team_id = t.id
            GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT 1
        """,
        "tournament": """
            SELECT id FROM tournaments WHERE format = 'DOUBLE_ELIMINATION'
            ORDER BY capacity DESC, status = 'IN_PROGRESS' DESC, id LIMIT 1
        """,
        "match": "SELECT id FROM matches ORDER BY event_count DESC, id LIMIT 1",
    }
    try:
        async with db.transaction() as session:
            found = {
                name: (await session.execute(text(sql))).one() for name, sql in queries.items()
            }
            chat = (
                await session.execute(
                    text("SELECT id FROM chats WHERE subject_id = :team"),
                    {"team": found["viewer"][2]},
                )
            ).scalar_one()
    finally:
        await db.dispose()
    subject, name, _ = found["viewer"]
    return Targets(
        viewer_number=int(subject.rsplit("-", 1)[1]),
        viewer_name=name,
        variables={
            "dashboard": {},
            "team": {"teamId": str(found["team"][0])},
            "tournament": {"tournamentId": str(found["tournament"][0])},
            "playgrounds_near": {"latitude": 55.7558, "longitude": 37.6173},
            "match": {"matchId": str(found["match"][0])},
            "chat_history": {"chatId": str(chat)},
            "leaderboard": {"city": "Москва"},
        },
    )


def documents() -> dict[str, str]:
    return {path.stem: path.read_text() for path in sorted(OPERATIONS.glob("*.graphql"))}


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE SAVEPOINT")):
            statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def count_statements(
    settings: Settings, bodies: dict[str, bytes], token: str
) -> dict[str, tuple[int, str]]:
    """Each operation through the app in this process: statements of its second run, errors."""
    configure_logging("WARNING", json=False)
    container = build_container(settings)
    app = create_app(container=container)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    counts: dict[str, tuple[int, str]] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        for name, body in bodies.items():
            await http.post("/graphql", content=body, headers=headers)
            with counting(container.db.engine) as statements:
                response = await http.post("/graphql", content=body, headers=headers)
            payload = response.json()
            errors = "; ".join(e.get("message", "") for e in payload.get("errors") or [])
            counts[name] = (len(statements), errors)
    await container.http.aclose()
    await container.db.dispose()
    return counts


def lua_script(body: bytes, token: str, path: Path) -> Path:
    path.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "application/json"\n'
        f'wrk.headers["Authorization"] = "Bearer {token}"\n'
        f"wrk.body = [==[{body.decode()}]==]\n"
    )
    return path


def wrk(url: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    threads = min(2, connections)
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}  # type: ignore[union-attr]
    figures["requests"] = float(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    for label, key in (("50%", "p50"), ("99%", "p99")):
        value, unit = re.search(rf"\s{label}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
        figures[key] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = float(non_2xx.group(1)) if non_2xx else 0.0
    timeouts = re.search(r"timeout (\d+)", output)
    figures["timeouts"] = float(timeouts.group(1)) if timeouts else 0.0
    return figures


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of the process so far (/proc/<pid>/stat, in clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    memory = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({model.group(1) if model else platform.processor()}), "
        f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB RAM, {platform.platform()}, "
        f"Python {platform.python_version()}; load average at start "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}"
    )


def serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    prodvor = str(Path(sys.executable).with_name("prodvor"))
    return subprocess.Popen(
        [prodvor, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )


def wait_ready(address: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError("the server exited")
        try:
            if httpx.get(f"http://{address}/readyz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not become ready")


def seed(url: str, scale: float, seed_number: int, data_dir: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("prodvor")),
            "seed",
            "--scale",
            str(scale),
            "--seed",
            str(seed_number),
        ],
        env={**os.environ, "DATABASE_URL": url, "DATA_DIR": str(data_dir), "APP_ENV": "test"},
        check=True,
    )
    return time.monotonic() - started


def measure(
    name: str,
    body: bytes,
    token: str,
    pid: int,
    address: str,
    root: Path,
    args: argparse.Namespace,
    counted: tuple[int, str],
) -> Measured:
    script = lua_script(body, token, root / f"{name}.lua")
    wrk(f"http://{address}/graphql", script, args.warmup, args.connections)
    cpu_before = cpu_seconds(pid)
    figures = wrk(f"http://{address}/graphql", script, args.duration, args.connections)
    cpu_ms = (cpu_seconds(pid) - cpu_before) * 1000 / max(figures["requests"], 1)
    statements, errors = counted
    for problem in ("non_2xx", "timeouts"):
        if figures[problem]:
            errors = f"{errors} {figures[problem]:.0f} {problem}".strip()
    print(f"{name}: {figures}", file=sys.stderr, flush=True)
    return Measured(
        name, figures["rps"], figures["p50"], figures["p99"], cpu_ms, statements, errors
    )


def table(results: list[Measured], rss: float) -> list[str]:
    lines = [
        "| operation | requests/s | p50 | p99 | server CPU per request | SQL statements | errors |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in results:
        lines.append(
            f"| {m.operation} | {m.rps:.0f} | {m.p50_ms:.1f} ms | {m.p99_ms:.1f} ms "
            f"| {m.cpu_ms:.1f} ms | {m.statements} | {m.errors or '-'} |"
        )
    lines.append("")
    lines.append(f"Server peak RSS (VmHWM) over the run: {rss:.0f} MB")
    return lines


def in_process(out: Path) -> None:
    """Each benchmark's figures are appended as soon as it ends (a slow one loses nothing)."""
    append(out, ["", "## In-process benchmarks", ""])
    for command in IN_PROCESS:
        print(f"running bench/{command[0]} ...", file=sys.stderr, flush=True)
        done = subprocess.run(
            [sys.executable, str(BENCH / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(BENCH.parent)},
        )
        figures = [line for line in done.stdout.splitlines() if not LOG_LINE.match(line)]
        lines = [f"### {' '.join(command)}", "", "\n".join(figures).strip() or "(no output)", ""]
        if done.returncode != 0:
            lines += ["```", done.stderr.strip()[-2000:], "```", ""]
        append(out, lines)


def append(out: Path, lines: list[str]) -> None:
    with out.open("a") as file:
        file.write("\n".join(lines) + "\n")
    print("\n".join(lines), flush=True)


def main(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="prodvor-bench-"))
    header = [
        f"# Benchmark {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {machine()}",
        "",
        f"Dataset: scale {args.scale}, seed {args.seed}. Load: wrk, {args.connections} "
        f"connections, {args.duration} s per operation after a {args.warmup} s warm-up; one "
        "uvicorn worker without the in-process event workers; wrk, the server and PostgreSQL "
        "share the machine.",
        "",
    ]
    pg = EmbeddedPostgres(root / "pg")
    pg.start()
    server = None
    try:
        url = pg.create_database("bench")
        upgrade(url)
        loaded = seed(url, args.scale, args.seed, root / "data")
        header.append(f"Dataset loaded in {loaded:.0f} s.")
        header.append("")
        targets = asyncio.run(pick_targets(url))
        port = free_port()
        address = f"127.0.0.1:{port}"
        env = {
            "APP_ENV": "test",
            "DATABASE_URL": url,
            "DATA_DIR": str(root / "data"),
            "AUTH_DEV_ISSUER": "true",
            "AUTH_PUBLIC_URL": f"http://{address}",
            "RATE_LIMIT_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
            # As in production, the event workers and the relay are processes of their own:
            # the generated matches' reminders falling due would otherwise load the measured
            # API process with notification work that varies from run to run.
            "EVENTS_WORKERS_IN_API": "false",
            "EVENTS_RELAY_IN_API": "false",
        }
        settings = Settings(
            app_env=AppEnv.TEST,
            data_dir=root / "data",
            database=DatabaseSettings(url=url),
            auth=AuthSettings(dev_issuer=True, public_url=f"http://{address}"),
            # Statements counted are those of building the page, not of a cached answer.
            graphql=GraphQLSettings(response_cache_s=0),
        )
        token = DevIssuer.from_settings(settings).mint(
            subject_of(args.seed, targets.viewer_number),
            username=username_of(targets.viewer_number),
            roles=[Role.PLAYER],
            email=f"{username_of(targets.viewer_number)}@dataset.prodvor.test",
            name=targets.viewer_name,
        )
        bodies = {
            name: json.dumps(
                {"query": document, "variables": targets.variables[name]}, ensure_ascii=False
            ).encode()
            for name, document in documents().items()
            if not args.only or name in args.only
        }
        counts = asyncio.run(count_statements(settings, bodies, token))
        lines = list(header)
        for title, extra in PASSES:
            server = serve({**env, **extra}, port, root / "server.log")
            wait_ready(address, server)
            results = [
                measure(name, body, token, server.pid, address, root, args, counts[name])
                for name, body in bodies.items()
            ]
            lines += ["", f"## {title}", "", *table(results, peak_rss_mb(server.pid))]
            server.terminate()
            server.wait(30)
            server = None
    except BaseException:
        log = root / "server.log"
        if log.exists():
            print(log.read_text()[-5000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)
    out = BENCH / "results" / f"{datetime.now(UTC):%Y-%m-%d-%H%M}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("")
    append(out, lines)
    if not args.skip_in_process:
        in_process(out)
    print(f"\nwritten to {out}", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("SCALE", "1")))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per operation")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per operation")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", nargs="*", help="only these operations")
    parser.add_argument("--skip-in-process", action="store_true")
    main(parser.parse_args())
