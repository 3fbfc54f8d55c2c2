"""Economy benchmark: rewards the gamification worker grants per second, and claimQuestReward
throughput with concurrent clients. Runs on a fresh embedded PostgreSQL:

    .venv/bin/python bench/economy.py [--newcomers 2000] [--clients 50] [--claims 20]

Worker: ``--newcomers`` users each register, complete their profile and create a team (three
events, three rule grants each: 50 PD, 100 PD, 150 PD + 100 XP); the relay and the worker
then run in-process, as in ``prodvor serve``, until every grant is written.

Claims: ``--clients`` users with ``--claims`` completed quests each claim them one after
another, all clients at once, through the ASGI app in this process (the client, the app and
PostgreSQL share the machine). Then every client claims the same quest of one user at once:
exactly one is paid.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import httpx
from sqlalchemy import func, select

from app.auth.principal import Identity
from app.auth.roles import Role
from app.clock import SystemClock
from app.db import Database, create_engine, utcnow
from app.economy.models import RewardGrant
from app.embedded_pg import EmbeddedPostgres
from app.events import emit
from app.events.runtime import EventsRuntime
from app.gamification.handlers import WORKER
from app.main import build_container, create_app
from app.migrate import upgrade
from app.quests.models import Quest, QuestProgress, QuestType
from app.settings import (
    AppEnv,
    AuthSettings,
    DatabaseSettings,
    EventsSettings,
    RateLimitSettings,
    Settings,
)
from app.teams.events import TeamCreated
from app.users import service as users
from app.users.events import UserProfileUpdated

CLAIM = """
mutation($input: ClaimQuestRewardInput!) { claimQuestReward(input: $input) { __typename } }
"""


def identity(n: int) -> Identity:
    return Identity(
        subject=f"bench-{n}",
        username=f"bench{n}",
        email=f"bench{n}@bench.test",
        name=f"Игрок {n}",
        roles=frozenset({Role.PLAYER}),
    )


async def newcomers(db: Database, count: int) -> None:
    for start in range(0, count, 500):
        async with db.transaction() as session:
            for n in range(start, min(start + 500, count)):
                user = await users.provision(session, identity(n))
                emit(
                    session,
                    UserProfileUpdated(
                        user_id=user.id, changed_fields=["bio"], profile_complete=True
                    ),
                    actor_id=user.id,
                )
                emit(
                    session,
                    TeamCreated(
                        team_id=uuid.uuid4(),
                        captain_id=user.id,
                        sport_id=uuid.uuid4(),
                        name=f"Команда {n}",
                        slug=f"bench-{n}",
                        city="Москва",
                    ),
                    actor_id=user.id,
                )


async def grants(db: Database) -> int:
    async with db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(RewardGrant)) or 0)


async def worker_rate(settings: Settings, db: Database, count: int) -> float:
    await newcomers(db, count)
    expected = 3 * count
    runtime = EventsRuntime(
        settings, db, SystemClock(), [WORKER], services=SimpleNamespace(settings=settings)
    )
    started = time.perf_counter()
    await runtime.start(relay=True, workers=True, hub=False)
    while await grants(db) < expected:
        await asyncio.sleep(0.2)
    elapsed = time.perf_counter() - started
    await runtime.stop()
    return expected / elapsed


async def completed_quests(db: Database, clients: int, claims: int) -> list[str]:
    async with db.transaction() as session:
        quests = [
            Quest(
                code=f"bench.{q}",
                type=QuestType.SPECIAL,
                title=f"Квест {q}",
                description="Для замера",
                activities=["team.created"],
                goal=1,
                reward_pd=10,
                reward_xp=5,
            )
            for q in range(claims + 1)
        ]
        session.add_all(quests)
        await session.flush()
        for n in range(clients):
            user = await users.provision(session, identity(100_000 + n))
            for quest in quests:
                session.add(
                    QuestProgress(
                        user_id=user.id,
                        quest_id=quest.id,
                        period="once",
                        progress=1,
                        completed_at=utcnow(),
                    )
                )
    return [str(quest.id) for quest in quests]


async def claim_rate(
    settings: Settings, db: Database, clients: int, claims: int
) -> tuple[float, Counter[str]]:
    quest_ids = await completed_quests(db, clients, claims)
    container = build_container(settings)
    app = create_app(container=container)
    issuer = container.dev_issuer
    assert issuer is not None
    tokens = [
        issuer.mint(i.subject, username=i.username, roles=i.roles, email=i.email, name=i.name)
        for i in (identity(100_000 + n) for n in range(clients))
    ]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

        async def claim(token: str, quest_id: str) -> str:
            response = await client.post(
                "/graphql",
                json={"query": CLAIM, "variables": {"input": {"questId": quest_id}}},
                headers={"Authorization": f"Bearer {token}"},
            )
            return str(response.json()["data"]["claimQuestReward"]["__typename"])

        async def one_client(token: str) -> None:
            for quest_id in quest_ids[1:]:
                assert await claim(token, quest_id) == "ClaimQuestRewardPayload"

        await claim(tokens[0], quest_ids[0])  # warm up parser and validation caches
        started = time.perf_counter()
        await asyncio.gather(*(one_client(token) for token in tokens))
        rate = clients * claims / (time.perf_counter() - started)
        contended = Counter(
            await asyncio.gather(*(claim(tokens[1], quest_ids[0]) for _ in range(clients)))
        )
    await container.db.dispose()
    return rate, contended


async def baseline(db: Database) -> float:
    """Milliseconds one small ORM query takes here: the yardstick for the figures above."""
    async with db.session() as session:
        started = time.perf_counter()
        for _ in range(500):
            await session.scalar(select(RewardGrant).where(RewardGrant.id == uuid.uuid4()))
    return (time.perf_counter() - started) * 1000 / 500


async def main(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="prodvor-bench-economy-"))
    server = EmbeddedPostgres(root / "pg")
    server.start()
    try:
        url = server.create_database("economy")
        await asyncio.to_thread(upgrade, url)
        settings = Settings(
            app_env=AppEnv.TEST,
            log_json=False,
            log_level="WARNING",
            database=DatabaseSettings(url=url, pool_size=20, max_overflow=40),
            auth=AuthSettings(dev_issuer=True, public_url="http://bench"),
            events=EventsSettings(poll_interval_s=0.2, relay_batch_size=500),
            rate_limit=RateLimitSettings(enabled=False),
        )
        db = Database(create_engine(url, settings.database))
        yardstick = await baseline(db)
        grants_per_s = await worker_rate(settings, db, args.newcomers)
        await db.dispose()
        claims_per_s, contended = await claim_rate(settings, db, args.clients, args.claims)
        print("| measure | result |")
        print("|---|---|")
        grants = 3 * args.newcomers
        print(f"| worker: rule grants per second ({grants} grants) | {grants_per_s:,.0f} |")
        print(
            f"| claimQuestReward per second, {args.clients} concurrent clients "
            f"({args.clients * args.claims} claims) | {claims_per_s:,.0f} |"
        )
        print(f"| {args.clients} concurrent claims of one quest | {dict(contended)} |")
        print(f"| one small ORM query on this machine (yardstick) | {yardstick:.2f} ms |")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--newcomers", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--claims", type=int, default=20, help="quests each client claims")
    asyncio.run(main(parser.parse_args()))
