"""checkIn (once a calendar day, optional distance check) and playgroundLeaderboard."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.playgrounds.models import Playground, PlaygroundCheckIn, PlaygroundStatus
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.configured import Configure
from tests.playgrounds.helpers import events, fresh, snapshot

CHECK_IN = """
mutation CheckIn($input: CheckInInput!) {
  checkIn(input: $input) {
    __typename
    ... on CheckInPayload {
      checkIn { day comment user { id } } playground { checkInCount }
    }
    ... on AlreadyCheckedIn { code nextCheckInAt }
    ... on TooFarToCheckIn { code distanceMeters maxDistanceMeters }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

LEADERBOARD = """
query Leaders($id: ID!, $first: Int, $after: String) {
  playgroundLeaderboard(playgroundId: $id, first: $first, after: $after) {
    nodes { checkIns user { id } } pageInfo { hasNextPage endCursor }
  }
}
"""


def check_in(playground: Playground, **extra: object) -> dict[str, object]:
    return {"input": {"playgroundId": str(playground.id), **extra}}


async def test_once_per_moscow_calendar_day(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await create_playground(session)
    user = await create_user(session)
    clock.current = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)  # 23:00 in Moscow

    first = await gql(CHECK_IN, check_in(playground, comment="Играем 3 на 3"), as_user=user)
    clock.advance(timedelta(minutes=30))
    before = await snapshot(session)
    second = await gql(CHECK_IN, check_in(playground), as_user=user)
    unchanged = await snapshot(session)
    clock.advance(timedelta(minutes=40))  # 00:10 in Moscow, a new day
    third = await gql(CHECK_IN, check_in(playground), as_user=user)

    assert first.data["checkIn"] == {
        "__typename": "CheckInPayload",
        "checkIn": {"day": "2026-06-01", "comment": "Играем 3 на 3", "user": {"id": str(user.id)}},
        "playground": {"checkInCount": 1},
    }
    assert second.data["checkIn"] == {
        "__typename": "AlreadyCheckedIn",
        "code": "ALREADY_CHECKED_IN",
        "nextCheckInAt": "2026-06-01T21:00:00+00:00",
    }
    assert unchanged == before
    assert third.data["checkIn"]["checkIn"]["day"] == "2026-06-02"
    assert third.data["checkIn"]["playground"]["checkInCount"] == 2
    assert (await fresh(session, Playground, playground.id)).check_in_count == 2
    checked = [e.payload for e in await events(session)]
    assert [(e["day"], e["check_in_count"]) for e in checked] == [
        ("2026-06-01", 1),
        ("2026-06-02", 2),
    ]


async def test_the_time_zone_is_configurable(
    configure: Configure, session: AsyncSession, clock: TestClock
) -> None:
    gql = configure(playgrounds={"time_zone": "Asia/Novosibirsk"})
    playground = await create_playground(session)
    user = await create_user(session)
    clock.current = datetime(2026, 6, 1, 16, 30, tzinfo=UTC)  # 23:30 in Novosibirsk

    await gql(CHECK_IN, check_in(playground), as_user=user)
    clock.advance(timedelta(hours=1))  # 00:30 there, still 20:30 in Moscow
    next_day = await gql(CHECK_IN, check_in(playground), as_user=user)

    assert next_day.data["checkIn"]["checkIn"]["day"] == "2026-06-02"


async def test_a_far_away_position_is_refused(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session, latitude=55.7558, longitude=37.6173)
    user = await create_user(session)
    before = await snapshot(session)

    far = await gql(
        CHECK_IN,
        check_in(playground, position={"latitude": 55.7658, "longitude": 37.6173}),
        as_user=user,
    )
    invalid = await gql(
        CHECK_IN,
        check_in(playground, position={"latitude": 95.0, "longitude": 37.6}),
        as_user=user,
    )

    assert far.data["checkIn"] == {
        "__typename": "TooFarToCheckIn",
        "code": "TOO_FAR_TO_CHECK_IN",
        "distanceMeters": 1112,
        "maxDistanceMeters": 500,
    }
    assert invalid.data["checkIn"]["fields"] == [
        {"path": "position.latitude", "code": "OUT_OF_RANGE"}
    ]
    assert await snapshot(session) == before
    near = await gql(
        CHECK_IN,
        check_in(playground, position={"latitude": 55.7578, "longitude": 37.6180}),
        as_user=user,
    )
    assert near.data["checkIn"]["__typename"] == "CheckInPayload"


async def test_only_approved_playgrounds_take_check_ins(gql: GQL, session: AsyncSession) -> None:
    proposer = await create_user(session)
    pending = await create_playground(session, proposer=proposer, status=PlaygroundStatus.PENDING)
    stranger = await create_user(session)

    own = await gql(CHECK_IN, check_in(pending), as_user=proposer)
    other = await gql(CHECK_IN, check_in(pending), as_user=stranger)

    assert own.data["checkIn"]["__typename"] == "PlaygroundNotApproved"
    assert other.data["checkIn"]["__typename"] == "NotFound"
    assert (await session.scalars(select(PlaygroundCheckIn))).all() == []


async def test_the_leaderboard_ranks_by_check_ins_then_who_got_there_first(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await create_playground(session)
    early, late, once = [await create_user(session) for _ in range(3)]
    for _ in range(2):
        await gql(CHECK_IN, check_in(playground), as_user=early)
        clock.advance(timedelta(hours=1))
        await gql(CHECK_IN, check_in(playground), as_user=late)
        clock.advance(timedelta(days=1))
    await gql(CHECK_IN, check_in(playground), as_user=once)

    seen, after = [], None
    while True:
        response = await gql(
            LEADERBOARD, {"id": str(playground.id), "first": 2, "after": after}, as_user=once
        )
        connection = response.data["playgroundLeaderboard"]
        seen += [(n["user"]["id"], n["checkIns"]) for n in connection["nodes"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]

    assert seen == [(str(early.id), 2), (str(late.id), 2), (str(once.id), 1)]
