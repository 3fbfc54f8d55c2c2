"""The ``search-indexer`` worker keeps documents current from the domain events it consumes."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, select

from app.auth.dev_issuer import DevIssuer
from app.auth.principal import Principal
from app.auth.roles import Role
from app.clock import SystemClock
from app.container import Container
from app.db import Database
from app.events.models import OutboxEvent, ProcessedEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.playgrounds import service as playgrounds
from app.playgrounds.values import PlaygroundType, Surface
from app.search.handlers import SEARCH_INDEXER
from app.search.models import SearchDocument
from app.settings import EventsSettings, Settings
from app.teams import service as teams
from app.users.models import User
from tests.ai.conftest import ai_settings
from tests.ai.fake_gemini import FakeGemini
from tests.factories import create_sport, create_user
from tests.fixtures.app import TestClock, make_container
from tests.fixtures.configured import configured_settings

EMBED = "batchEmbedContents"


@pytest.fixture
async def indexer(
    committed_database: Database,
    settings: Settings,
    dev_issuer: DevIssuer,
    clock: TestClock,
    gemini: tuple[FakeGemini, str],
) -> AsyncIterator[EventProcessor]:
    """The worker with Gemini embeddings (the fake), driven event by event."""
    config = configured_settings(settings, ai=ai_settings(gemini[1]), search={"embedder": "gemini"})
    container: Container = make_container(config, committed_database, dev_issuer, clock)
    yield EventProcessor(
        SEARCH_INDEXER,
        committed_database,
        EventsSettings(),
        clock=SystemClock(),
        services=container,
    )
    await container.ai_runtime().aclose()


def principal(user: User) -> Principal:
    return Principal(user.id, user.subject, frozenset(Role(r) for r in user.roles))


async def deliver_new(db: Database, processor: EventProcessor, seen: set[uuid.UUID]) -> list[str]:
    """Hand the worker every outbox event it has not seen yet, in order; their types."""
    async with db.session() as session:
        rows = (await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all()
    types = []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            await processor.process(to_envelope(row))
            types.append(row.type)
    return types


async def docs(db: Database, source_id: uuid.UUID) -> list[SearchDocument]:
    async with db.session() as session:
        stmt = select(SearchDocument).where(SearchDocument.source_id == source_id)
        return list((await session.scalars(stmt)).all())


async def test_a_team_is_indexed_updated_and_removed_as_its_events_arrive(
    committed_database: Database, indexer: EventProcessor, fake: FakeGemini
) -> None:
    db, seen, now = committed_database, set[uuid.UUID](), SystemClock().now()
    async with db.transaction() as session:
        sport = await create_sport(session, name="Стритбол")
        captain = await create_user(session)
    await deliver_new(db, indexer, seen)
    async with db.transaction() as session:
        fields = teams.NewTeam(
            name="Ночные совы",
            sport_id=sport.id,
            city="Казань",
            motto=None,
            description="Играем по вечерам",
            logo_url=None,
        )
        team = await teams.create_team(
            session, principal(captain), fields, now=now, max_captained=10
        )
    calls_before = len(fake.calls(EMBED))

    assert await deliver_new(db, indexer, seen) == ["team.created"]
    [created] = await docs(db, team.id)
    assert (created.title, created.city, created.sport_ids) == ("Ночные совы", "Казань", [sport.id])
    assert created.body == "Стритбол Казань Играем по вечерам"
    assert created.embedder == "gemini:gemini-embedding-001@384"
    assert len(list(created.embedding or [])) == 384
    assert len(fake.calls(EMBED)) == calls_before + 1
    [request] = fake.calls(EMBED)[-1].body["requests"]
    assert (request["outputDimensionality"], request["taskType"]) == (384, "RETRIEVAL_DOCUMENT")

    async with db.transaction() as session:
        await teams.update_team(
            session,
            principal(captain),
            team.id,
            {"description": "Играем по утрам"},
            regenerate_slug=False,
            now=now,
        )
    assert await deliver_new(db, indexer, seen) == ["team.updated"]
    [updated] = await docs(db, team.id)
    assert (updated.id, "Играем по утрам" in updated.body) == (created.id, True)
    assert len(fake.calls(EMBED)) == calls_before + 2

    async with db.transaction() as session:
        await teams.disband_team(session, principal(captain), team.id, now=now)
    assert await deliver_new(db, indexer, seen) == ["team.disbanded"]
    assert await docs(db, team.id) == []


async def test_redelivery_and_unchanged_content_embed_nothing_again(
    committed_database: Database, indexer: EventProcessor, fake: FakeGemini
) -> None:
    db, seen = committed_database, set[uuid.UUID]()
    async with db.transaction() as session:
        sport = await create_sport(session)
        captain = await create_user(session)
        fields = teams.NewTeam(
            name="Полёт",
            sport_id=sport.id,
            city="Омск",
            motto=None,
            description=None,
            logo_url=None,
        )
        team = await teams.create_team(
            session, principal(captain), fields, now=SystemClock().now(), max_captained=10
        )
    await deliver_new(db, indexer, seen)
    [before] = await docs(db, team.id)
    calls = len(fake.calls(EMBED))
    async with db.session() as session:
        row = await session.scalar(select(OutboxEvent).where(OutboxEvent.type == "team.created"))
    assert row is not None

    duplicate = await indexer.process(to_envelope(row))
    async with db.transaction() as session:
        await session.execute(delete(ProcessedEvent))
    handled_again = await indexer.process(to_envelope(row))

    assert (duplicate, handled_again) == (Outcome.DUPLICATE, Outcome.HANDLED)
    [after] = await docs(db, team.id)
    assert (after.id, after.content_hash, after.indexed_at) == (
        before.id,
        before.content_hash,
        before.indexed_at,
    )
    assert len(fake.calls(EMBED)) == calls


async def test_a_playground_is_indexed_only_once_approved(
    committed_database: Database, indexer: EventProcessor
) -> None:
    db, seen, now = committed_database, set[uuid.UUID](), SystemClock().now()
    async with db.transaction() as session:
        proposer = await create_user(session)
        moderator = await create_user(session, roles=[Role.MODERATOR])
        sport = await create_sport(session, name="Воркаут")
    ids = []
    for name in ("Коробка у школы", "Пустырь за гаражами"):
        async with db.transaction() as session:
            fields = playgrounds.NewPlayground(
                name=name,
                address="Москва, ул. Ленина, 1",
                city="Москва",
                latitude=55.7,
                longitude=37.6,
                type=PlaygroundType.MULTI_SPORT,
                surface=Surface.RUBBER,
                sport_ids=[sport.id],
                features=[],
                photo_urls=[],
            )
            place = await playgrounds.propose_playground(
                session, principal(proposer), fields, now=now
            )
            ids.append(place.id)
    await deliver_new(db, indexer, seen)
    assert [await docs(db, i) for i in ids] == [[], []]

    for playground_id, decision in zip(
        ids, (playgrounds.Decision.APPROVE, playgrounds.Decision.REJECT), strict=True
    ):
        async with db.transaction() as session:
            await playgrounds.moderate_playground(
                session, principal(moderator), playground_id, decision, "Дубликат", now=now
            )
    assert await deliver_new(db, indexer, seen) == ["playground.approved", "playground.rejected"]

    [approved] = await docs(db, ids[0])
    assert (approved.title, approved.sport_ids) == ("Коробка у школы", [sport.id])
    assert approved.body == "Москва, ул. Ленина, 1 Москва Воркаут"
    assert await docs(db, ids[1]) == []
