from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.lobbies.models import Lobby, LobbyParticipant
from app.playgrounds.models import PlaygroundStatus
from tests.factories import create_playground, create_sport, create_user
from tests.fixtures.app import GQL, TestClock
from tests.fixtures.configured import Configure
from tests.lobbies.helpers import ERRORS, FIELDS, snapshot

CREATE = f"""
mutation($input: CreateLobbyInput!) {{
  createLobby(input: $input) {{
    __typename
    ... on LobbyPayload {{ lobby {{ {FIELDS} endsAt playground {{ id }} latitude }} }}
    ... on ValidationFailed {{ fields {{ path code }} }}
    {ERRORS}
  }}
}}
"""


def _input(sport_id: object, clock: TestClock, **overrides: object) -> dict[str, object]:
    return {
        "kind": "GAME",
        "sportId": str(sport_id),
        "startsAt": (clock.now() + timedelta(hours=3)).isoformat(),
        "durationMinutes": 90,
        "playersNeeded": 10,
        "place": "Школьный стадион",
        "location": {"latitude": 55.75, "longitude": 37.61},
        "comment": "Играем 5 на 5",
        **overrides,
    }


async def test_creator_is_the_first_participant(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    creator = await create_user(session)
    sport = await create_sport(session)

    response = await gql(CREATE, {"input": _input(sport.id, clock)}, as_user=creator)

    result = response.data["createLobby"]
    assert result["__typename"] == "LobbyPayload"
    lobby = result["lobby"]
    assert lobby["status"] == "OPEN"
    assert lobby["participantCount"] == 1
    assert lobby["participants"] == [{"user": {"id": str(creator.id)}}]
    assert lobby["endsAt"].startswith(
        (clock.now() + timedelta(hours=4, minutes=30)).isoformat()[:16]
    )
    saved = await session.scalar(select(Lobby))
    assert saved.creator_id == creator.id
    assert [p.user_id for p in await session.scalars(select(LobbyParticipant))] == [creator.id]
    types = [e.type for e in await session.scalars(select(OutboxEvent))]
    assert "lobby.created" in types


async def test_at_a_playground_the_lobby_takes_its_coordinates(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    creator = await create_user(session)
    sport = await create_sport(session)
    playground = await create_playground(session, latitude=59.93, longitude=30.33)
    values = _input(sport.id, clock, playgroundId=str(playground.id), place=None, location=None)

    response = await gql(CREATE, {"input": values}, as_user=creator)

    lobby = response.data["createLobby"]["lobby"]
    assert lobby["playground"] == {"id": str(playground.id)}
    assert lobby["latitude"] == 59.93


async def test_invalid_fields_are_all_reported_and_nothing_is_written(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    creator = await create_user(session)
    sport = await create_sport(session)
    before = await snapshot(session)
    values = _input(
        sport.id,
        clock,
        startsAt=(clock.now() - timedelta(minutes=1)).isoformat(),
        durationMinutes=29,
        playersNeeded=23,
        place=None,
        location=None,
        comment="x" * 201,
    )

    response = await gql(CREATE, {"input": values}, as_user=creator)

    result = response.data["createLobby"]
    assert result["__typename"] == "ValidationFailed"
    assert sorted(f["path"] for f in result["fields"]) == [
        "comment",
        "durationMinutes",
        "location",
        "place",
        "playersNeeded",
        "startsAt",
    ]
    assert await snapshot(session) == before


async def test_a_playground_not_approved_is_refused(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    creator = await create_user(session)
    sport = await create_sport(session)
    pending = await create_playground(session, status=PlaygroundStatus.PENDING, proposer=creator)
    before = await snapshot(session)
    values = _input(sport.id, clock, playgroundId=str(pending.id), place=None, location=None)

    response = await gql(CREATE, {"input": values}, as_user=creator)

    assert response.data["createLobby"]["__typename"] == "PlaygroundNotApproved"
    assert await snapshot(session) == before


async def test_opening_lobbies_is_rate_limited_per_user(
    configure: Configure, session: AsyncSession, clock: TestClock
) -> None:
    gql = configure(rate_limit={"overrides": {"lobbies.create:user": 1}})
    creator = await create_user(session)
    sport = await create_sport(session)

    results = [
        await gql(CREATE, {"input": _input(sport.id, clock)}, as_user=creator) for _ in range(2)
    ]

    assert [r.data["createLobby"]["__typename"] for r in results] == ["LobbyPayload", "RateLimited"]
    assert len((await session.scalars(select(Lobby))).all()) == 1
