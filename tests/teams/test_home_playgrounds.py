"""setHomePlaygrounds and Team.homePlaygrounds."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import PlaygroundStatus
from app.teams.models import TeamHomePlayground
from tests.factories import add_member, create_playground, create_team, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter
from tests.teams.helpers import events, snapshot

SET_HOMES = """
mutation SetHomes($input: SetHomePlaygroundsInput!) {
  setHomePlaygrounds(input: $input) {
    __typename
    ... on SetHomePlaygroundsPayload { team { homePlaygrounds { id name } } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""

TEAM = """
query Team($id: ID) { team(id: $id) { name homePlaygrounds { name city } } }
"""


def homes(team: Any, *playgrounds: Any) -> dict[str, Any]:
    ids = [p if isinstance(p, str) else str(p.id) for p in playgrounds]
    return {"input": {"teamId": str(team.id), "playgroundIds": ids}}


async def stored_homes(session: AsyncSession) -> list[tuple[str, str, int]]:
    rows = (await session.execute(select(TeamHomePlayground))).scalars().all()
    return sorted((str(r.team_id), str(r.playground_id), r.position) for r in rows)


async def test_the_captain_sets_homes_in_order(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    first = await create_playground(session, name="Первая")
    second = await create_playground(session, name="Вторая")

    response = await gql(SET_HOMES, homes(team, second, first, second), as_user=captain)

    assert response.data["setHomePlaygrounds"]["team"]["homePlaygrounds"] == [
        {"id": str(second.id), "name": "Вторая"},
        {"id": str(first.id), "name": "Первая"},
    ]
    assert await stored_homes(session) == sorted(
        [(str(team.id), str(second.id), 0), (str(team.id), str(first.id), 1)]
    )
    [event] = await events(session)
    assert event.type == "team.home_playgrounds_changed"
    assert event.payload["playground_ids"] == [str(second.id), str(first.id)]
    cleared = await gql(SET_HOMES, homes(team), as_user=captain)
    assert cleared.data["setHomePlaygrounds"]["team"]["homePlaygrounds"] == []
    assert await stored_homes(session) == []


async def test_setting_the_same_homes_again_changes_nothing(
    gql: GQL, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    playground = await create_playground(session)
    await gql(SET_HOMES, homes(team, playground), as_user=captain)
    before = await snapshot(session), await stored_homes(session)

    response = await gql(SET_HOMES, homes(team, playground), as_user=captain)

    assert response.data["setHomePlaygrounds"]["__typename"] == "SetHomePlaygroundsPayload"
    assert (await snapshot(session), await stored_homes(session)) == before


async def test_only_approved_playgrounds_and_a_few_of_them(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    own_pending = await create_playground(
        session, proposer=captain, status=PlaygroundStatus.PENDING
    )
    rejected = await create_playground(session, status=PlaygroundStatus.REJECTED)
    approved = [await create_playground(session) for _ in range(4)]
    before = await snapshot(session)

    for playgrounds, code in (
        ((own_pending,), "NOT_FOUND"),
        ((approved[0], rejected), "NOT_FOUND"),
        (("00000000-0000-0000-0000-000000000000",), "NOT_FOUND"),
        (("not-an-id",), "NOT_FOUND"),
        (tuple(approved), "TOO_LONG"),
    ):
        response = await gql(SET_HOMES, homes(team, *playgrounds), as_user=captain)
        assert response.data["setHomePlaygrounds"] == {
            "__typename": "ValidationFailed",
            "fields": [{"path": "playgroundIds", "code": code}],
        }

    assert await snapshot(session) == before
    assert await stored_homes(session) == []


async def test_nobody_but_the_captain_sets_homes(gql: GQL, session: AsyncSession) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain)
    player = await add_member(session, team=team)
    other_captain = await create_user(session)
    await create_team(session, captain=other_captain)
    stranger = await create_user(session)
    playground = await create_playground(session, proposer=stranger)
    await gql(SET_HOMES, homes(team, playground), as_user=captain)
    before = await snapshot(session), await stored_homes(session)

    for intruder in (player, other_captain, stranger):
        response = await gql(SET_HOMES, homes(team, playground), as_user=intruder)
        assert response.error_codes == ["FORBIDDEN"]
        response = await gql(SET_HOMES, homes(team), as_user=intruder)
        assert response.error_codes == ["FORBIDDEN"]

    assert (await snapshot(session), await stored_homes(session)) == before


async def test_a_disbanded_team_keeps_its_homes(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, disbanded_at=clock.now())
    playground = await create_playground(session)

    response = await gql(SET_HOMES, homes(team, playground), as_user=captain)

    assert response.data["setHomePlaygrounds"]["__typename"] == "TeamDisbanded"
    assert await stored_homes(session) == []


async def test_the_team_page_shows_homes_in_constant_statements(
    gql: GQL, session: AsyncSession, count_statements: StatementCounter
) -> None:
    viewer = await create_user(session)
    small, large = await create_team(session), await create_team(session)
    for team, count in ((small, 1), (large, 3)):
        for i in range(count):
            playground = await create_playground(session, name=f"Площадка {i}")
            session.add(
                TeamHomePlayground(team_id=team.id, playground_id=playground.id, position=i)
            )
    await session.flush()

    with count_statements() as few:
        await gql(TEAM, {"id": str(small.id)}, as_user=viewer)
    with count_statements() as many:
        response = await gql(TEAM, {"id": str(large.id)}, as_user=viewer)

    assert [p["name"] for p in response.data["team"]["homePlaygrounds"]] == [
        "Площадка 0",
        "Площадка 1",
        "Площадка 2",
    ]
    assert len(few) == len(many) == 4, str(many)
