from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies.models import Lobby
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.statements import StatementCounter
from tests.lobbies.helpers import create_lobby

LIST = """
query(
  $sportId: ID, $playgroundId: ID, $near: NearInput, $from: DateTime, $to: DateTime, $after: String
) {
  lfgLobbies(
    sportId: $sportId, playgroundId: $playgroundId, near: $near, from: $from, to: $to,
    first: 2, after: $after
  ) {
    nodes { id status sport { id } creator { id } participants { user { id } } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


async def _ids(gql: GQL, viewer: object, **variables: object) -> list[str]:
    response = await gql(LIST, variables, as_user=viewer)  # type: ignore[arg-type]
    return [node["id"] for node in response.data["lfgLobbies"]["nodes"]]  # type: ignore[index]


async def test_soonest_first_without_finished_or_cancelled(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    now = clock.now()
    later = await create_lobby(session, now=now, starts_in=timedelta(hours=5))
    sooner = await create_lobby(session, now=now, starts_in=timedelta(hours=1))
    running = await create_lobby(session, now=now, starts_in=timedelta(minutes=-30))
    await create_lobby(session, now=now, starts_in=timedelta(hours=-3))
    cancelled = await create_lobby(session, now=now, starts_in=timedelta(hours=2))
    (await session.get_one(Lobby, cancelled.id)).cancelled_at = now
    viewer = await create_user(session)

    first = await gql(LIST, {}, as_user=viewer)
    page = first.data["lfgLobbies"]  # type: ignore[index]
    rest = await _ids(gql, viewer, after=page["pageInfo"]["endCursor"])

    assert [n["id"] for n in page["nodes"]] == [str(running.id), str(sooner.id)]
    assert [n["status"] for n in page["nodes"]] == ["IN_PROGRESS", "OPEN"]
    assert rest == [str(later.id)]


async def test_filters_by_sport_place_and_start(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    now = clock.now()
    moscow = await create_lobby(session, now=now, starts_in=timedelta(hours=1))
    piter = await create_lobby(session, now=now, latitude=59.93, longitude=30.33)
    tomorrow = await create_lobby(session, now=now, starts_in=timedelta(days=1))
    court = await create_playground(session)
    (await session.get_one(Lobby, tomorrow.id)).playground_id = court.id
    viewer = await create_user(session)
    near_moscow = {"lat": 55.75, "lon": 37.62, "radiusKm": 10}

    by_sport = await _ids(gql, viewer, sportId=str(piter.sport_id))
    nearby = await _ids(gql, viewer, near=near_moscow, to=(now + timedelta(hours=12)).isoformat())
    from_tomorrow = await _ids(gql, viewer, **{"from": (now + timedelta(hours=12)).isoformat()})
    at_the_court = await _ids(gql, viewer, playgroundId=str(court.id))

    assert by_sport == [str(piter.id)]
    assert nearby == [str(moscow.id)]
    assert from_tomorrow == [str(tomorrow.id)]
    assert at_the_court == [str(tomorrow.id)]


async def test_the_list_costs_the_same_for_more_participants(
    session: AsyncSession, gql: GQL, clock: TestClock, count_statements: StatementCounter
) -> None:
    now = clock.now()
    await create_lobby(session, now=now, members=0)
    await create_lobby(session, now=now, members=1)
    viewer = await create_user(session)
    with count_statements() as small:
        await gql(LIST, {}, as_user=viewer)
    await create_lobby(session, now=now - timedelta(minutes=1), members=6, players_needed=12)
    await create_lobby(session, now=now - timedelta(minutes=1), members=8, players_needed=12)

    with count_statements() as large:
        response = await gql(LIST, {}, as_user=viewer)

    nodes = response.data["lfgLobbies"]["nodes"]  # type: ignore[index]
    assert sorted(len(n["participants"]) for n in nodes) == [7, 9]
    assert len(small) == len(large), str(large)


async def test_a_bad_radius_is_a_bad_request(session: AsyncSession, gql: GQL) -> None:
    viewer = await create_user(session)

    response = await gql(LIST, {"near": {"lat": 55.0, "lon": 37.0, "radiusKm": 0}}, as_user=viewer)

    assert response.error_codes == ["BAD_USER_INPUT"]
