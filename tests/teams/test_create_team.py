from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.events.outbox import to_envelope
from app.sports.models import SportCategory
from app.teams.events import TeamCreated
from app.teams.models import Team
from app.users.models import User
from tests.factories import create_sport, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import events, roster, snapshot

CREATE = """
mutation Create($input: CreateTeamInput!) {
  createTeam(input: $input) {
    __typename
    ... on CreateTeamPayload {
      team { id slug name city motto description logoUrl rating wins draws losses form
             memberCount disbandedAt sport { code } captain { id }
             members { role user { id } } }
    }
    ... on ValidationFailed { code fields { path code } }
    ... on TeamLimitReached { code message limit }
  }
}
"""


def team_input(sport_id: Any, **overrides: Any) -> dict[str, Any]:
    return {"name": "Дворовые атлеты", "sportId": str(sport_id), "city": "Москва", **overrides}


async def test_creator_becomes_captain_and_first_member(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session, roles=[Role.PLAYER])
    sport = await create_sport(session, code="football")

    response = await gql(
        CREATE,
        {"input": team_input(sport.id, motto=" Вперёд! ", logoUrl="https://cdn.example.com/l.png")},
        as_user=user,
    )

    payload = response.data["createTeam"]
    assert payload["__typename"] == "CreateTeamPayload"
    team = payload["team"]
    assert {k: v for k, v in team.items() if k != "id"} == {
        "slug": "dvorovye-atlety",
        "name": "Дворовые атлеты",
        "city": "Москва",
        "motto": "Вперёд!",
        "description": None,
        "logoUrl": "https://cdn.example.com/l.png",
        "rating": 0.0,
        "wins": 0,
        "draws": 0,
        "losses": 0,
        "form": [],
        "memberCount": 1,
        "disbandedAt": None,
        "sport": {"code": "football"},
        "captain": {"id": str(user.id)},
        "members": [{"role": "CAPTAIN", "user": {"id": str(user.id)}}],
    }
    stored = await session.get(Team, team["id"])
    assert stored is not None
    assert await roster(session, stored) == {str(user.id): "CAPTAIN"}
    [event] = await events(session)
    assert to_envelope(event).event() == TeamCreated(
        team_id=stored.id,
        captain_id=user.id,
        sport_id=sport.id,
        name="Дворовые атлеты",
        slug="dvorovye-atlety",
        city="Москва",
    )
    assert event.actor_id == user.id


async def test_creating_a_team_never_changes_global_roles(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session, roles=[Role.FAN])
    sport = await create_sport(session)

    await gql(CREATE, {"input": team_input(sport.id)}, as_user=user)

    assert await session.scalar(select(User.roles).where(User.id == user.id)) == ["FAN"]


async def test_same_names_get_numbered_slugs(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session)
    await create_team(session, sport=sport, name="Спартак 2", slug="spartak-2")

    slugs = []
    for name in ("Спартак", "СПАРТАК", "спартак!"):
        user = await create_user(session)
        response = await gql(CREATE, {"input": team_input(sport.id, name=name)}, as_user=user)
        slugs.append(response.data["createTeam"]["team"]["slug"])

    assert slugs == ["spartak", "spartak-3", "spartak-4"]


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ёжики в тумане", "ezhiki-v-tumane"),
        ("Щука & Юла", "shchuka-yula"),
        ("Їжак і Ґава", "yizhak-i-gava"),
        ("東京", "team"),
        ("⚽ Мяч", "myach"),
        ("FC Zenit-2024", "fc-zenit-2024"),
        ("Crème brûlée", "creme-brulee"),
        ("new", "new-2"),
    ],
)
async def test_slugs_are_readable_and_never_empty(
    gql: GQL, session: AsyncSession, name: str, slug: str
) -> None:
    user = await create_user(session)
    sport = await create_sport(session)

    response = await gql(CREATE, {"input": team_input(sport.id, name=name)}, as_user=user)

    assert response.data["createTeam"]["team"]["slug"] == slug


@pytest.mark.parametrize(
    ("overrides", "path", "code"),
    [
        ({"name": "Я"}, "name", "TOO_SHORT"),
        ({"name": "   "}, "name", "REQUIRED"),
        ({"name": "x" * 61}, "name", "TOO_LONG"),
        ({"name": "!!"}, "name", "INVALID_FORMAT"),
        ({"city": ""}, "city", "REQUIRED"),
        ({"motto": "м" * 101}, "motto", "TOO_LONG"),
        ({"description": "о" * 351}, "description", "TOO_LONG"),
        ({"logoUrl": "javascript:alert(1)"}, "logoUrl", "INVALID_FORMAT"),
        ({"sportId": "00000000-0000-0000-0000-000000000000"}, "sportId", "NOT_FOUND"),
        ({"sportId": "football"}, "sportId", "NOT_FOUND"),
    ],
)
async def test_invalid_input_changes_nothing(
    gql: GQL, session: AsyncSession, overrides: dict[str, Any], path: str, code: str
) -> None:
    user = await create_user(session)
    sport = await create_sport(session)
    before = await snapshot(session)

    response = await gql(CREATE, {"input": team_input(sport.id, **overrides)}, as_user=user)

    payload = response.data["createTeam"]
    assert payload["__typename"] == "ValidationFailed"
    assert [(f["path"], f["code"]) for f in payload["fields"]] == [(path, code)]
    assert await snapshot(session) == before


async def test_individual_sports_have_no_teams(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    chess = await create_sport(session, category=SportCategory.INDIVIDUAL)
    before = await snapshot(session)

    response = await gql(CREATE, {"input": team_input(chess.id)}, as_user=user)

    fields = response.data["createTeam"]["fields"]
    assert [(f["path"], f["code"]) for f in fields] == [("sportId", "NOT_ALLOWED")]
    assert await snapshot(session) == before


async def test_a_user_captains_a_limited_number_of_teams(gql: GQL, session: AsyncSession) -> None:
    user = await create_user(session)
    sport = await create_sport(session)
    for _ in range(10):
        await create_team(session, captain=user, sport=sport)
    before = await snapshot(session)

    response = await gql(CREATE, {"input": team_input(sport.id)}, as_user=user)

    payload = response.data["createTeam"]
    assert payload["__typename"] == "TeamLimitReached"
    assert (payload["code"], payload["limit"]) == ("TEAM_LIMIT_REACHED", 10)
    assert await snapshot(session) == before


async def test_disbanded_teams_do_not_count_towards_the_limit(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    user = await create_user(session)
    sport = await create_sport(session)
    for i in range(10):
        await create_team(
            session, captain=user, sport=sport, disbanded_at=clock.now() if i == 0 else None
        )

    response = await gql(CREATE, {"input": team_input(sport.id)}, as_user=user)

    assert response.data["createTeam"]["__typename"] == "CreateTeamPayload"


async def test_anonymous_cannot_create(gql: GQL, session: AsyncSession) -> None:
    sport = await create_sport(session)

    response = await gql(CREATE, {"input": team_input(sport.id)})

    assert response.data is None
    assert response.error_codes == ["UNAUTHENTICATED"]
