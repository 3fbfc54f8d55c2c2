"""Parents load what the selection asks of their items, through fragments, and nothing else;
children then resolve from the operation's loaders without a task of their own."""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from app.graphql.loading import known_or_load, then
from app.matches.models import MatchStatus
from app.reference import clear_reference_caches
from tests.factories import add_member, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter
from tests.matches.helpers import Fixture, two_teams

INLINE = """
query Roster($id: ID!) {
  team(id: $id) {
    members { role user { id displayName xp rank { level } } }
    recentMatches { id homeTeam { name } awayTeam { name } winner { id } }
  }
}
"""
FRAGMENTS = """
query Roster($id: ID!) {
  team(id: $id) { members { ...Member } recentMatches { ... on Match { ...Sides } } }
}
fragment Member on TeamMember { role user { id displayName ...Progress } }
fragment Progress on User { xp rank { level } }
fragment Sides on Match { id homeTeam { name } awayTeam { name } winner { id } }
"""
WITHOUT_RELATIONS = """
query Roster($id: ID!) { team(id: $id) { members { role } recentMatches { id } } }
"""


async def played(session: AsyncSession, f: Fixture, matches: int) -> None:
    now = datetime.now(UTC)
    for day in range(1, matches + 1):
        await f.match(
            session,
            MatchStatus.CONFIRMED,
            scheduled_at=now - timedelta(days=day),
            home_score=1,
            away_score=0,
            winner_team_id=f.home.id,
        )


async def test_fragments_reach_the_prefetch_and_unselected_relations_are_not_loaded(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    f = await two_teams(session)
    for _ in range(4):
        await add_member(session, team=f.home)
    await played(session, f, 3)
    viewer = await create_user(session)
    variables = {"id": str(f.home.id)}

    runs = {}
    for name, document in (("inline", INLINE), ("fragments", FRAGMENTS)):
        clear_reference_caches()
        with count_statements() as log:
            response = await gql(document, variables, as_user=viewer)
        assert response.errors is None
        runs[name] = (response.data, len(log))
    with count_statements() as bare:
        response = await gql(WITHOUT_RELATIONS, variables, as_user=viewer)

    assert runs["inline"] == runs["fragments"]
    data, statements = runs["inline"]
    assert data is not None
    assert len(data["team"]["members"]) == 6, "the captain, a player of two_teams and four more"
    assert {m["homeTeam"]["name"] for m in data["team"]["recentMatches"]} == {f.home.name}
    assert all(m["user"]["rank"]["level"] >= 1 for m in data["team"]["members"])
    assert response.errors is None
    for relation in ("users.id = ANY", "teams.id = ANY", "user_progress", "ranks"):
        assert not any(relation in sql for sql in bare.statements), str(bare)
    assert len(bare) < statements


async def test_known_or_load_answers_from_the_loader_once_it_holds_the_key() -> None:
    batches: list[list[int]] = []

    async def load(keys: list[int]) -> list[str]:
        batches.append(keys)
        return [f"#{key}" for key in keys]

    loader: DataLoader[int, str] = DataLoader(load)
    pending = known_or_load(loader, 1)
    assert asyncio.isfuture(pending)
    assert await pending == "#1"

    assert known_or_load(loader, 1) == "#1"
    assert then(known_or_load(loader, 1), str.upper) == "#1".upper()
    later = then(known_or_load(loader, 2), str.upper)
    assert asyncio.iscoroutine(later)
    assert await later == "#2"
    assert batches == [[1], [2]]
