"""playerLeaderboard and teamLeaderboard: best first, keyset pages, optional city."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.economy import service as economy
from app.economy.rewards import award_xp
from app.users.models import User
from tests.factories import create_sport, create_team, create_user
from tests.fixtures.app import GQL
from tests.fixtures.statements import StatementCounter

PLAYERS = """
query($city: String, $first: Int!, $after: String) {
  playerLeaderboard(city: $city, first: $first, after: $after) {
    nodes { displayName xp rank { title } }
    pageInfo { hasNextPage endCursor }
  }
}
"""
TEAMS = """
query($sportId: ID!, $city: String, $first: Int!, $after: String) {
  teamLeaderboard(sportId: $sportId, city: $city, first: $first, after: $after) {
    nodes { name rating city }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def player(session: AsyncSession, name: str, xp: int, city: str) -> User:
    user = await create_user(session, display_name=name, city=city)
    await economy.sync_city(session, user.id, now=utcnow())
    if xp:
        await award_xp(session, user.id, xp, reason="TEST", key=f"xp-{user.id}", now=utcnow())
    return user


def names(response: Any, board: str) -> list[Any]:
    return [node.get("displayName", node.get("name")) for node in response.data[board]["nodes"]]


async def test_players_by_xp_in_pages_and_by_city(gql: GQL, session: AsyncSession) -> None:
    viewer = await player(session, "Зритель", 0, "Омск")
    await player(session, "Алиса", 1200, "Москва")
    await player(session, "Борис", 90, "москва")
    await player(session, "Вера", 5000, "Казань")
    await player(session, "Глеб", 700, "Москва ")

    first = await gql(PLAYERS, {"first": 2}, as_user=viewer)
    cursor = first.data["playerLeaderboard"]["pageInfo"]["endCursor"]
    rest = await gql(PLAYERS, {"first": 10, "after": cursor}, as_user=viewer)
    moscow = await gql(PLAYERS, {"city": " МОСКВА", "first": 10}, as_user=viewer)

    assert first.data["playerLeaderboard"]["nodes"] == [
        {"displayName": "Вера", "xp": 5000, "rank": {"title": "Первый среди равных"}},
        {"displayName": "Алиса", "xp": 1200, "rank": {"title": "Уличный боец"}},
    ]
    assert first.data["playerLeaderboard"]["pageInfo"]["hasNextPage"] is True
    assert names(rest, "playerLeaderboard") == ["Глеб", "Борис", "Зритель"]
    assert names(moscow, "playerLeaderboard") == ["Алиса", "Глеб", "Борис"]


async def test_the_players_board_costs_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await player(session, "Зритель", 0, "Омск")
    for n in range(15):
        await player(session, f"Игрок {n}", 100 * n, "Омск")
    await session.flush()

    with count_statements() as log:
        response = await gql(PLAYERS, {"first": 12}, as_user=viewer)

    assert len(response.data["playerLeaderboard"]["nodes"]) == 12
    assert len(log) == 3, (
        "the principal, the page, its users; the XP awards read the ranks\n" + str(log)
    )


async def test_teams_of_one_sport_by_rating(gql: GQL, session: AsyncSession) -> None:
    viewer = await create_user(session)
    football, basketball = await create_sport(session), await create_sport(session)
    street = await create_sport(session, parent=football)
    await create_team(session, sport=football, name="Зенит", rating=1500.0, city="Санкт-Петербург")
    await create_team(session, sport=football, name="Спартак", rating=1400.0, city="Москва")
    await create_team(session, sport=football, name="Динамо", rating=1450.0, city="москва")
    await create_team(session, sport=football, name="Торпедо", rating=1600.0, disbanded_at=utcnow())
    await create_team(session, sport=basketball, name="ЦСКА", rating=2000.0)
    await create_team(session, sport=street, name="Дворовые", rating=1700.0)

    first = await gql(TEAMS, {"sportId": str(football.id), "first": 2}, as_user=viewer)
    cursor = first.data["teamLeaderboard"]["pageInfo"]["endCursor"]
    rest = await gql(
        TEAMS, {"sportId": str(football.id), "first": 2, "after": cursor}, as_user=viewer
    )
    moscow = await gql(
        TEAMS, {"sportId": str(football.id), "city": "МОСКВА", "first": 5}, as_user=viewer
    )
    malformed = await gql(TEAMS, {"sportId": "football", "first": 5}, as_user=viewer)

    assert names(first, "teamLeaderboard") == ["Зенит", "Динамо"]
    assert names(rest, "teamLeaderboard") == ["Спартак"]
    assert rest.data["teamLeaderboard"]["pageInfo"]["hasNextPage"] is False
    assert names(moscow, "teamLeaderboard") == ["Динамо", "Спартак"]
    assert malformed.error_codes == ["BAD_USER_INPUT"]
