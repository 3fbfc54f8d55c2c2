"""Replaying dead letters after the cause is fixed: handled once, marked, never twice."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import insert, select

from app.clock import SystemClock
from app.db import Database
from app.events.envelope import Envelope
from app.events.models import DeadLetter
from app.events.processor import EventProcessor, Outcome
from app.events.replay import pending, replay
from app.events.worker import HandlerContext, Worker
from app.settings import EventsSettings
from tests.events.support import Ping, create_effects_table, effects, record
from tests.events.test_cli import ROOT, env_for

pytestmark = pytest.mark.slow

SETTINGS = EventsSettings(consumer_max_attempts=2, consumer_backoff_s=0.01)


class Outage:
    def __init__(self) -> None:
        self.down = True

    async def handle(self, ctx: HandlerContext, event: Ping) -> None:
        if self.down:
            raise ConnectionError("the mail server is down")
        await record(ctx, event)


async def test_a_replayed_dead_letter_is_handled_once_and_marked(
    committed_database: Database,
) -> None:
    db = committed_database
    await create_effects_table(db)
    outage = Outage()
    processor = EventProcessor(
        Worker("test-replay", {Ping: [outage.handle]}), db, SETTINGS, clock=SystemClock()
    )
    envelope = Envelope.wrap(Ping(group="r", n=7), actor_id=None)
    assert await processor.process(envelope) is Outcome.DEAD_LETTERED
    [letter] = await pending(db, consumer="test-replay")

    outage.down = False
    first = await replay(db, processor)
    second = await replay(db, processor)

    assert [(r.dead_letter_id, r.outcome) for r in first] == [(letter.id, Outcome.HANDLED)]
    assert second == []
    assert [row["n"] for row in await effects(db)] == [7]
    async with db.session() as session:
        marked = await session.scalar(
            select(DeadLetter.replayed_at).where(DeadLetter.id == letter.id)
        )
    assert marked is not None


async def test_a_letter_that_fails_again_becomes_a_new_dead_letter(
    committed_database: Database,
) -> None:
    db = committed_database
    await create_effects_table(db)
    processor = EventProcessor(
        Worker("test-replay", {Ping: [Outage().handle]}), db, SETTINGS, clock=SystemClock()
    )
    await processor.process(Envelope.wrap(Ping(group="r", n=1), actor_id=None))
    [old] = await pending(db, consumer="test-replay")

    [again] = await replay(db, processor)

    [new] = await pending(db, consumer="test-replay")
    assert again.outcome is Outcome.DEAD_LETTERED
    assert new.id != old.id
    assert await effects(db) == []


async def test_the_cli_lists_and_replays_a_workers_dead_letters(
    committed_database: Database,
) -> None:
    envelope = Envelope.wrap(Ping(group="cli", n=1), actor_id=None)
    async with committed_database.transaction() as session:
        letter_id = await session.scalar(
            insert(DeadLetter)
            .values(
                consumer="notifications",
                event_id=envelope.id,
                envelope=envelope.model_dump(mode="json"),
                error="Traceback ...\nConnectionError: smtp down",
                attempts=5,
            )
            .returning(DeadLetter.id)
        )
    env = env_for(committed_database)

    def prodvor(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app", "dead-letters", *args]
        return subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
        )

    listed = prodvor("list")
    replayed = prodvor("replay", "notifications", "--id", str(letter_id))
    after = prodvor("list", "notifications")

    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(f"{letter_id}\tnotifications\ttest.ping\t")
    assert listed.stdout.rstrip().endswith("ConnectionError: smtp down")
    assert replayed.returncode == 0, replayed.stderr
    assert replayed.stdout == f"{letter_id}\ttest.ping\tignored\n"
    assert after.stdout == ""
