"""Events are written with the change that caused them, and only if it commits."""

from __future__ import annotations

import asyncio

import psycopg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.dev_issuer import DevIssuer
from app.db import Database
from app.events import emit
from app.events.models import OutboxEvent
from app.events.outbox import NOTIFY_CHANNEL, to_envelope
from app.events.relay import Relay
from app.events.transport import LocalBus, LocalPublisher
from app.settings import Settings
from app.users.events import UserProfileUpdated
from tests.factories import create_user
from tests.fixtures.app import GQL, AppFactory, token_for

UPDATE = """
mutation U($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }
"""


async def outbox(session: AsyncSession, event_type: str) -> list[OutboxEvent]:
    stmt = select(OutboxEvent).where(OutboxEvent.type == event_type).order_by(OutboxEvent.seq)
    return list((await session.scalars(stmt)).all())


async def test_a_successful_mutation_writes_its_event(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    response = await gql(UPDATE, {"input": {"city": "Тверь", "bio": "Вратарь"}}, as_user=user)

    assert response.data["updateProfile"]["__typename"] == "UpdateProfilePayload"
    [row] = await outbox(session, "user.profile_updated")
    envelope = to_envelope(row)
    assert envelope.topic == "prodvor.users"
    assert envelope.key == str(user.id)
    assert envelope.actor_id == user.id
    assert envelope.event() == UserProfileUpdated(
        user_id=user.id, changed_fields=["bio", "city"], profile_complete=False
    )
    assert row.published_at is None


async def test_a_failed_mutation_leaves_no_event(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)

    response = await gql(UPDATE, {"input": {"city": "Тверь", "avatarUrl": "ftp://x"}}, as_user=user)

    assert response.data["updateProfile"]["__typename"] == "ValidationFailed"
    assert await outbox(session, "user.profile_updated") == []


async def test_first_sight_of_a_token_emits_user_registered_once(
    gql: GQL, session: AsyncSession, dev_issuer: DevIssuer
) -> None:
    token = dev_issuer.mint("kc-fresh", username="fresh", name="Свежий")

    await gql("{ me { id } }", token=token)
    await gql("{ me { id } }", token=token)

    [row] = await outbox(session, "user.registered")
    assert row.payload["username"] == "fresh"


async def test_commit_notifies_the_relay_and_rollback_does_not(
    committed_database: Database, app_factory: AppFactory, dev_issuer: DevIssuer
) -> None:
    import httpx

    async with committed_database.transaction() as session:
        user = await create_user(session)
    url = committed_database.engine.url.render_as_string(hide_password=False)
    listener = await psycopg.AsyncConnection.connect(
        url.replace("postgresql+psycopg", "postgresql"), autocommit=True
    )
    await listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
    transport = httpx.ASGITransport(app=app_factory(committed_database))
    headers = {"Authorization": f"Bearer {token_for(dev_issuer, user)}"}

    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        failed = {"input": {"avatarUrl": "ftp://x"}}
        await client.post("/graphql", json={"query": UPDATE, "variables": failed}, headers=headers)
        assert [n async for n in listener.notifies(timeout=0.3)] == []

        ok = {"input": {"city": "Псков"}}
        await client.post("/graphql", json={"query": UPDATE, "variables": ok}, headers=headers)
        notes = [n async for n in listener.notifies(timeout=1, stop_after=1)]

    await listener.close()
    assert [n.channel for n in notes] == [NOTIFY_CHANNEL]
    await asyncio.sleep(0)


async def test_the_relay_numbers_a_batch_in_the_order_it_was_written(
    database: Database, session: AsyncSession, settings: Settings
) -> None:
    user = await create_user(session)
    for n in range(30):
        event = UserProfileUpdated(
            user_id=user.id, changed_fields=[f"field{n}"], profile_complete=False
        )
        emit(session, event, actor_id=user.id)
    await session.flush()

    published = await Relay(database, LocalPublisher(LocalBus()), settings.events).publish_batch()

    rows = list((await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all())
    assert published == len(rows) == 31, "the user's registration and the 30 updates"
    numbers = [row.published_seq for row in rows]
    assert None not in numbers
    assert numbers == sorted(numbers), "published_seq follows seq"
    updates = [row.payload["changed_fields"] for row in rows[1:]]
    assert updates == [[f"field{n}"] for n in range(30)]
