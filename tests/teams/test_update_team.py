from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.outbox import to_envelope
from app.teams.events import TeamUpdated
from app.teams.models import Team
from tests.factories import add_member, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.teams.helpers import events, fresh, snapshot

UPDATE = """
mutation Update($input: UpdateTeamInput!) {
  updateTeam(input: $input) {
    __typename
    ... on UpdateTeamPayload { team { slug name city motto description logoUrl } }
    ... on ValidationFailed { fields { path code } }
    ... on NotFound { code }
    ... on TeamDisbanded { code message }
  }
}
"""


async def test_captain_edits_and_the_slug_survives_a_rename(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(
        session, captain=captain, name="Старое имя", slug="staroe-imya", motto="Девиз"
    )

    response = await gql(
        UPDATE,
        {"input": {"teamId": str(team.id), "name": "Новое имя", "motto": None, "city": "Тула"}},
        as_user=captain,
    )

    assert response.data["updateTeam"] == {
        "__typename": "UpdateTeamPayload",
        "team": {
            "slug": "staroe-imya",
            "name": "Новое имя",
            "city": "Тула",
            "motto": None,
            "description": None,
            "logoUrl": None,
        },
    }
    [event] = await events(session)
    assert to_envelope(event).event() == TeamUpdated(
        team_id=team.id, changed_fields=["city", "motto", "name"], slug="staroe-imya"
    )


async def test_regenerate_slug_follows_the_new_name(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    await create_team(session, name="Зенит", slug="zenit")
    team = await create_team(session, captain=captain, name="Старое", slug="staroe")

    response = await gql(
        UPDATE,
        {"input": {"teamId": str(team.id), "name": "Зенит", "regenerateSlug": True}},
        as_user=captain,
    )

    assert response.data["updateTeam"]["team"]["slug"] == "zenit-2"
    [event] = await events(session)
    assert event.payload["changed_fields"] == ["name", "slug"]


async def test_regenerating_keeps_a_slug_that_already_fits_the_name(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    await create_team(session, name="Зенит", slug="zenit")
    team = await create_team(session, captain=captain, name="Зенит", slug="zenit-2")

    response = await gql(
        UPDATE, {"input": {"teamId": str(team.id), "regenerateSlug": True}}, as_user=captain
    )

    assert response.data["updateTeam"]["team"]["slug"] == "zenit-2"
    assert await events(session) == []


async def test_a_player_may_not_edit(gql: GQL, session: AsyncSession) -> None:
    team = await create_team(session, name="Команда")
    player = await add_member(session, team=team)
    before = await snapshot(session)

    response = await gql(UPDATE, {"input": {"teamId": str(team.id), "name": "Моя"}}, as_user=player)

    assert response.data is None
    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_a_disbanded_team_cannot_be_edited(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, disbanded_at=clock.now())
    before = await snapshot(session)

    response = await gql(
        UPDATE, {"input": {"teamId": str(team.id), "name": "Снова"}}, as_user=captain
    )

    assert response.data["updateTeam"]["__typename"] == "TeamDisbanded"
    assert response.data["updateTeam"]["code"] == "TEAM_DISBANDED"
    assert await snapshot(session) == before


@pytest.mark.parametrize("team_id", ["00000000-0000-0000-0000-000000000000", "garbage"])
async def test_unknown_team_is_not_found(gql: GQL, session: AsyncSession, team_id: str) -> None:
    user = await create_user(session)

    response = await gql(UPDATE, {"input": {"teamId": team_id, "name": "Имя"}}, as_user=user)

    assert response.data["updateTeam"] == {"__typename": "NotFound", "code": "NOT_FOUND"}


@pytest.mark.parametrize(
    ("changes", "path", "code"),
    [
        ({"name": None}, "name", "REQUIRED"),
        ({"city": "  "}, "city", "REQUIRED"),
        ({"logoUrl": "data:image/png;base64,AAAA"}, "logoUrl", "INVALID_FORMAT"),
        ({"description": "д" * 351}, "description", "TOO_LONG"),
    ],
)
async def test_invalid_changes_change_nothing(
    gql: GQL, session: AsyncSession, changes: dict[str, Any], path: str, code: str
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    before = await snapshot(session)

    response = await gql(UPDATE, {"input": {"teamId": str(team.id), **changes}}, as_user=captain)

    fields = response.data["updateTeam"]["fields"]
    assert [(f["path"], f["code"]) for f in fields] == [(path, code)]
    assert await snapshot(session) == before
    assert (await fresh(session, Team, team.id)).name == team.name
