"""Chat fan-out benchmark: N WebSocket subscribers of one chat on one uvicorn worker.

    .venv/bin/python bench/chat.py [--subscribers 500 2000] [--messages 20] [--pause-ms 200]

Starts an embedded PostgreSQL and ``prodvor serve`` (one uvicorn worker, the local events
transport: relay, workers and hub in the one process), creates a chat with every subscriber as
a member, opens the subscribers' sockets (``chatMessageAdded``), then posts messages through
``sendChatMessage``, each once the previous one has reached every subscriber. Prints, per N:
the latency from the start of each ``sendChatMessage`` request to each subscriber's receipt
(p50, p99, max), how long one message takes to reach all subscribers (the replica's fan-out
rate is N divided by it), and the server's RSS before the sockets, with them open, and after
the messages. The clients share the machine with the server and PostgreSQL, so the figures
include their own time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvloop
from websockets.asyncio.client import ClientConnection, connect

from app.auth.dev_issuer import DevIssuer
from app.auth.principal import Identity, Principal
from app.auth.roles import Role
from app.chat import messages, service
from app.chat.models import ChatKind
from app.db import Database, create_engine, utcnow
from app.embedded_pg import EmbeddedPostgres, free_port
from app.migrate import upgrade
from app.settings import AppEnv, AuthSettings, DatabaseSettings, Settings
from app.users import service as users

SUBSCRIBE = """
subscription($chatId: ID!, $after: ID) {
  chatMessageAdded(chatId: $chatId, after: $after) { text }
}
"""
SEND = """
mutation($input: SendChatMessageInput!) {
  sendChatMessage(input: $input) { __typename }
}
"""
CONNECTING_AT_ONCE = 50


@dataclass
class Room:
    chat_id: uuid.UUID
    first_message_id: uuid.UUID
    sender: Identity
    members: list[Identity]


@dataclass
class Arrivals:
    sent: dict[int, float] = field(default_factory=dict)
    received: dict[int, list[float]] = field(default_factory=lambda: defaultdict(list))


def identity(n: int, run: str) -> Identity:
    name = f"bench-{run}-{n}"
    return Identity(
        subject=name, username=name, email=f"{name}@bench.local", name=name, roles=frozenset()
    )


async def create_room(db: Database, size: int, run: str) -> Room:
    people = [identity(n, run) for n in range(size + 1)]
    async with db.transaction() as session:
        ids = [(await users.provision(session, person)).id for person in people]
        chat = await service.open_chat(
            session, ChatKind.MATCH, uuid.uuid4(), member_ids=ids, title="Bench", now=utcnow()
        )
        sender = Principal(user_id=ids[0], subject=people[0].subject, roles=frozenset())
        first, _ = [
            await messages.send_message(
                session,
                sender,
                messages.Target(chat_id=chat.id),
                messages.Draft(text=text, client_message_id=f"{run}{text}"),
                now=utcnow(),
            )
            for text in ("-1", "0")
        ]
    return Room(chat.id, first.id, people[0], people[1:])


def token(issuer: DevIssuer, person: Identity) -> str:
    return issuer.mint(
        person.subject,
        username=person.username,
        roles=[Role.PLAYER],
        email=person.email,
        name=person.name,
    )


async def subscriber(
    address: str, bearer: str, room: Room, arrivals: Arrivals, ready: asyncio.Event
) -> None:
    async with connect(
        f"ws://{address}/graphql",
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        open_timeout=120,
        ping_interval=None,
        max_size=None,
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {"authorization": bearer}}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        variables = {"chatId": str(room.chat_id), "after": str(room.first_message_id)}
        payload = {"query": SUBSCRIBE, "variables": variables}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        await listen(ws, arrivals, ready)


async def listen(ws: ClientConnection, arrivals: Arrivals, ready: asyncio.Event) -> None:
    """Until the socket closes. Message 0 is replayed (subscribing after -1): "subscribed"."""
    async for raw in ws:
        message = json.loads(raw)
        if message["type"] == "ping":
            await ws.send('{"type": "pong"}')
        elif message["type"] == "next":
            n = int(message["payload"]["data"]["chatMessageAdded"]["text"])
            arrivals.received[n].append(time.perf_counter())
            ready.set()
        elif message["type"] in ("error", "complete"):
            raise RuntimeError(message)


async def open_all(
    address: str, issuer: DevIssuer, room: Room, arrivals: Arrivals
) -> list[asyncio.Task[None]]:
    tasks: list[asyncio.Task[None]] = []
    for start in range(0, len(room.members), CONNECTING_AT_ONCE):
        batch = room.members[start : start + CONNECTING_AT_ONCE]
        readies = [asyncio.Event() for _ in batch]
        for person, ready in zip(batch, readies, strict=True):
            bearer = f"Bearer {token(issuer, person)}"
            tasks.append(asyncio.create_task(subscriber(address, bearer, room, arrivals, ready)))
        all_ready = asyncio.ensure_future(asyncio.gather(*(ready.wait() for ready in readies)))
        await asyncio.wait([all_ready, *tasks], timeout=120, return_when=asyncio.FIRST_COMPLETED)
        failed = [task for task in tasks if task.done()]
        if failed:
            failed[0].result()
        if not all_ready.done():
            raise TimeoutError("subscribers did not get their first message")
    return tasks


async def post_messages(
    address: str, issuer: DevIssuer, room: Room, arrivals: Arrivals, count: int, pause: float
) -> None:
    """One message at a time: the next goes ``pause`` after the last reached everyone (or 60 s)."""
    headers = {"Authorization": f"Bearer {token(issuer, room.sender)}"}
    async with httpx.AsyncClient(base_url=f"http://{address}", timeout=60) as http:
        for n in range(1, count + 1):
            variables = {
                "input": {
                    "chatId": str(room.chat_id),
                    "text": str(n),
                    "clientMessageId": uuid.uuid4().hex,
                }
            }
            arrivals.sent[n] = time.perf_counter()
            response = await http.post(
                "/graphql", json={"query": SEND, "variables": variables}, headers=headers
            )
            assert (
                response.json()["data"]["sendChatMessage"]["__typename"] == "SendChatMessagePayload"
            )
            deadline = time.monotonic() + 60
            while len(arrivals.received[n]) < len(room.members) and time.monotonic() < deadline:
                await asyncio.sleep(0.005)
            await asyncio.sleep(pause)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def scenario(
    size: int, settings: Settings, db: Database, address: str, pid: int, args: argparse.Namespace
) -> None:
    issuer = DevIssuer.from_settings(settings)
    room = await create_room(db, size, uuid.uuid4().hex[:6])
    arrivals = Arrivals()
    idle = rss_mb(pid)
    opened = time.perf_counter()
    tasks = await open_all(address, issuer, room, arrivals)
    opening = time.perf_counter() - opened
    with_sockets = rss_mb(pid)
    await post_messages(address, issuer, room, arrivals, args.messages, args.pause_ms / 1000)
    after = rss_mb(pid)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    sent = range(1, args.messages + 1)
    delays = [(t - arrivals.sent[n]) * 1000 for n in sent for t in arrivals.received[n]]
    spans = [
        (max(arrivals.received[n]) - arrivals.sent[n]) * 1000 for n in sent if arrivals.received[n]
    ]
    delivered = sum(len(arrivals.received[n]) for n in sent)
    print(
        f"| {size} | {delivered}/{size * args.messages} | {percentile(delays, 50):.0f} ms | "
        f"{percentile(delays, 99):.0f} ms | {max(delays):.0f} ms | "
        f"{statistics.median(spans):.0f} ms | {opening:.1f} s | "
        f"{idle:.0f} → {with_sockets:.0f} → {after:.0f} MB |",
        flush=True,
    )


def serve(settings_env: dict[str, str], port: int, log: Any) -> subprocess.Popen[bytes]:
    prodvor = os.environ.get("BENCH_SERVER", str(Path(sys.executable).with_name("prodvor")))
    env = {**os.environ, **settings_env}
    return subprocess.Popen(
        [prodvor, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )


async def wait_ready(address: str) -> None:
    async with httpx.AsyncClient(base_url=f"http://{address}") as http:
        for _ in range(300):
            try:
                if (await http.get("/readyz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError("the server did not become ready")


async def main(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="prodvor-chat-bench-"))
    pg = EmbeddedPostgres(root / "pg")
    pg.start()
    server = None
    try:
        url = pg.create_database("bench")
        await asyncio.to_thread(upgrade, url)
        port = free_port()
        address = f"127.0.0.1:{port}"
        public_url = f"http://{address}"
        env = {
            "APP_ENV": "test",
            "DATABASE_URL": url,
            "DATA_DIR": str(root / "data"),
            "AUTH_DEV_ISSUER": "true",
            "AUTH_PUBLIC_URL": public_url,
            "RATE_LIMIT_ENABLED": "false",
            "LOG_LEVEL": "WARNING",
        }
        settings = Settings(
            app_env=AppEnv.TEST,
            data_dir=root / "data",
            auth=AuthSettings(dev_issuer=True, public_url=public_url),
        )
        DevIssuer.from_settings(settings)  # writes the key the server will read
        server = serve(env, port, (root / "server.log").open("wb"))
        await wait_ready(address)
        db = Database(create_engine(url, DatabaseSettings()))
        print(
            "| subscribers | delivered | p50 | p99 | max | all reached (median) | connect all "
            "| server RSS idle → open → after |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for size in args.subscribers:
            await scenario(size, settings, db, address, server.pid, args)
        await db.dispose()
    except BaseException:
        print((root / "server.log").read_text()[-5000:], file=sys.stderr)
        raise
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        pg.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--subscribers", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument(
        "--pause-ms", type=float, default=200.0, help="after a message reached everyone"
    )
    uvloop.run(main(parser.parse_args()))
