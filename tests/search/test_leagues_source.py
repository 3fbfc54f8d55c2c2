"""Leagues in search: found by name, sport, city and season, with their typed object; the
``search-indexer`` worker follows their creation and new seasons, and redelivery changes
nothing."""

from __future__ import annotations

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
from tests.factories import create_sport, create_user
from tests.fixtures.app import GQL, TestClock

SEARCH = """
query($query: String!) {
  search(query: $query, types: [LEAGUE]) { type title league { id name city } }
}
"""
CREATE = """
mutation($input: CreateLeagueInput!) {
  createLeague(input: $input) { ... on LeaguePayload { league { id } } }
}
"""
ADD_SEASON = """
mutation($input: AddLeagueSeasonInput!) {
  addLeagueSeason(input: $input) { __typename }
}
"""


async def docs(session: AsyncSession) -> list[tuple[str, str]]:
    session.expunge_all()
    stmt = select(SearchDocument).where(SearchDocument.source_type == "LEAGUE")
    return [(d.title, d.body) for d in (await session.scalars(stmt)).all()]


async def test_the_indexer_follows_a_league_and_search_finds_it(
    gql: GQL, session: AsyncSession, database: Database, container: Container, clock: TestClock
) -> None:
    organizer = await create_user(session, roles=[Role.ORGANIZER])
    viewer = await create_user(session)
    sport = await create_sport(session, name="Мини-футбол")
    indexer = EventProcessor(
        SEARCH_INDEXER, database, container.settings.events, clock=clock, services=container
    )

    async def deliver() -> list[Outcome]:
        await session.flush()
        rows = (await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all()
        return [await indexer.process(to_envelope(row)) for row in rows]

    values = {"name": "Лига Заречья", "sportId": str(sport.id), "city": "Тула"}
    created = await gql(CREATE, {"input": values}, as_user=organizer)
    league_id = created.data["createLeague"]["league"]["id"]
    await deliver()
    first = await docs(session)
    season = {"leagueId": league_id, "name": "Осень 2026", "divisionNames": ["Высший"]}
    await gql(ADD_SEASON, {"input": season}, as_user=organizer)
    outcomes = await deliver()
    found = await gql(SEARCH, {"query": "заречья осень"}, as_user=viewer)

    assert first == [("Лига Заречья", "Мини-футбол Тула")]
    assert await docs(session) == [("Лига Заречья", "Мини-футбол Тула Осень 2026")]
    assert Outcome.HANDLED in outcomes
    assert set(await deliver()) <= {Outcome.DUPLICATE, Outcome.IGNORED}
    assert found.errors is None, found.errors
    assert found.data == {
        "search": [
            {
                "type": "LEAGUE",
                "title": "Лига Заречья",
                "league": {"id": league_id, "name": "Лига Заречья", "city": "Тула"},
            }
        ]
    }
