"""Tournaments in search: public ones are found with their typed object, drafts never; the
``search-indexer`` worker follows their events and redelivery changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.container import Container
from app.db import Database
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor, Outcome
from app.search.handlers import SEARCH_INDEXER
from app.search.models import SearchDocument
from app.tournaments.models import TournamentStatus
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL, TestClock
from tests.search.support import index_everything
from tests.tournaments.helpers import create_tournament, mutate, settings

SEARCH = """
query($query: String!) {
  search(query: $query, types: [TOURNAMENT]) { type title tournament { id name status } }
}
"""


async def docs(session: AsyncSession) -> list[tuple[str, str, dict[str, Any]]]:
    session.expunge_all()
    stmt = select(SearchDocument).where(SearchDocument.source_type == "TOURNAMENT")
    return [(d.title, d.body, d.meta) for d in (await session.scalars(stmt)).all()]


async def test_public_tournaments_are_found_and_drafts_never(
    gql: GQL, session: AsyncSession
) -> None:
    viewer = await create_user(session)
    sport = await create_sport(session, name="Мини-футбол")
    cup = await create_tournament(
        session, sport=sport, name="Кубок Заречья", prize="Кубок и медали", city="Тула"
    )
    await create_tournament(
        session, sport=sport, name="Заречье, черновик", status=TournamentStatus.DRAFT
    )
    await index_everything(session, None, "TOURNAMENT")

    response = await gql(SEARCH, {"query": "заречья"}, as_user=viewer)

    assert response.errors is None, response.errors
    assert response.data == {
        "search": [
            {
                "type": "TOURNAMENT",
                "title": "Кубок Заречья",
                "tournament": {
                    "id": str(cup.id),
                    "name": "Кубок Заречья",
                    "status": "REGISTRATION",
                },
            }
        ]
    }
    assert await docs(session) == [
        (
            "Кубок Заречья",
            "Мини-футбол Тула Кубок и медали",
            {"slug": cup.slug, "status": "REGISTRATION"},
        )
    ]


async def test_the_indexer_follows_a_tournament_from_draft_to_cancellation(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    sport = await create_sport(session, name="Стритбол")
    indexer = EventProcessor(
        SEARCH_INDEXER, database, container.settings.events, clock=clock, services=container
    )
    values = settings(sport, clock.now() + timedelta(days=1), name="Осенний стритбол")
    created = await mutate(gql, "createTournament", {"settings": values}, organizer)
    tournament_id = created["tournament"]["id"]
    seen: set[Any] = set()

    async def deliver() -> list[Outcome]:
        await session.flush()
        rows = (await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all()
        fresh = [row for row in rows if row.id not in seen]
        seen.update(row.id for row in fresh)
        return [await indexer.process(to_envelope(row)) for row in fresh]

    await deliver()
    assert await docs(session) == []

    await mutate(gql, "announceTournament", {"tournamentId": tournament_id}, organizer)
    await deliver()
    [(title, _, meta)] = await docs(session)
    assert (title, meta["status"]) == ("Осенний стритбол", "ANNOUNCED")

    edited = {**values, "description": "Три на три у реки"}
    changed = await mutate(
        gql, "updateTournament", {"tournamentId": tournament_id, "settings": edited}, organizer
    )
    assert changed["tournament"]["status"] == "ANNOUNCED"
    await deliver()
    [(_, body, _)] = await docs(session)
    assert "Три на три у реки" in body

    await mutate(
        gql, "cancelTournament", {"tournamentId": tournament_id, "reason": "Ливень"}, organizer
    )
    await deliver()
    last = await docs(session)
    assert [meta["status"] for _, _, meta in last] == ["CANCELLED"]

    rows = (await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all()
    assert {await indexer.process(to_envelope(row)) for row in rows} <= {
        Outcome.DUPLICATE,
        Outcome.IGNORED,
    }
    assert await docs(session) == last
