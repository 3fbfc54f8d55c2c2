"""Joining, leaving and cancelling, and the status derived at every moment."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.events.models import OutboxEvent
from app.lobbies.models import Lobby, LobbyParticipant
from app.users.models import User
from tests.factories import create_user
from tests.fixtures.app import GQL, TestClock
from tests.lobbies.helpers import ERRORS, LOBBY, create_lobby, snapshot


def _mutation(name: str) -> str:
    return f"""
    mutation($id: ID!) {{
      {name}(input: {{lobbyId: $id}}) {{
        __typename
        ... on LobbyPayload {{ {LOBBY} }}
        ... on WrongLobbyStatus {{ status }}
        {ERRORS}
      }}
    }}
    """


JOIN, LEAVE, CANCEL = _mutation("joinLobby"), _mutation("leaveLobby"), _mutation("cancelLobby")
STATUS = "query($id: ID!) { lobby(id: $id) { status participantCount } }"


async def _user_of(session: AsyncSession, user_id: uuid.UUID) -> User:
    return await session.get_one(User, user_id)


async def _events(session: AsyncSession) -> list[str]:
    return [e.type for e in await session.scalars(select(OutboxEvent).order_by(OutboxEvent.id))]


async def test_the_last_place_makes_the_lobby_full(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    lobby = await create_lobby(session, now=clock.now(), players_needed=3, members=1)
    player = await create_user(session)
    clock.advance(timedelta(minutes=1))

    response = await gql(JOIN, {"id": str(lobby.id)}, as_user=player)

    result = response.data["joinLobby"]
    assert result["__typename"] == "LobbyPayload"
    assert result["lobby"]["status"] == "FULL"
    assert result["lobby"]["participantCount"] == 3
    assert result["lobby"]["participants"][-1] == {"user": {"id": str(player.id)}}
    assert "lobby.joined" in await _events(session)


async def test_a_full_lobby_refuses_and_nothing_changes(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    lobby = await create_lobby(session, now=clock.now(), players_needed=2, members=1)
    before = await snapshot(session)

    response = await gql(JOIN, {"id": str(lobby.id)}, as_user=await create_user(session))

    assert response.data["joinLobby"]["__typename"] == "LobbyFull"
    assert await snapshot(session) == before


async def test_joining_twice_is_refused(session: AsyncSession, gql: GQL, clock: TestClock) -> None:
    lobby = await create_lobby(session, now=clock.now())
    creator = await _user_of(session, lobby.creator_id)
    before = await snapshot(session)

    response = await gql(JOIN, {"id": str(lobby.id)}, as_user=creator)

    assert response.data["joinLobby"]["__typename"] == "AlreadyInLobby"
    assert await snapshot(session) == before


@pytest.mark.parametrize(
    ("shift", "status"),
    [(timedelta(hours=2), "IN_PROGRESS"), (timedelta(hours=3, minutes=30), "FINISHED")],
)
async def test_a_started_or_finished_lobby_cannot_be_joined(
    session: AsyncSession, gql: GQL, clock: TestClock, shift: timedelta, status: str
) -> None:
    lobby = await create_lobby(session, now=clock.now(), starts_in=timedelta(hours=2))
    player = await create_user(session)
    clock.advance(shift)
    before = await snapshot(session)

    response = await gql(JOIN, {"id": str(lobby.id)}, as_user=player)

    assert response.data["joinLobby"] == {
        "__typename": "WrongLobbyStatus",
        "status": status,
        "code": "LOBBY_STATUS",
        "message": "В этом состоянии лобби так сделать нельзя",
    }
    assert await snapshot(session) == before


async def test_status_follows_the_clock(session: AsyncSession, gql: GQL, clock: TestClock) -> None:
    lobby = await create_lobby(session, now=clock.now(), duration_minutes=60)
    viewer = await create_user(session)
    variables = {"id": str(lobby.id)}
    seen = []
    for step in (timedelta(0), timedelta(hours=2), timedelta(minutes=59), timedelta(minutes=1)):
        clock.advance(step)
        seen.append((await gql(STATUS, variables, as_user=viewer)).data["lobby"]["status"])

    assert seen == ["OPEN", "IN_PROGRESS", "IN_PROGRESS", "FINISHED"]


async def test_leaving_frees_the_place(session: AsyncSession, gql: GQL, clock: TestClock) -> None:
    lobby = await create_lobby(session, now=clock.now(), players_needed=2)
    player = await create_user(session)
    await gql(JOIN, {"id": str(lobby.id)}, as_user=player)

    response = await gql(LEAVE, {"id": str(lobby.id)}, as_user=player)

    result = response.data["leaveLobby"]
    assert result["lobby"]["status"] == "OPEN"
    assert result["lobby"]["participantCount"] == 1
    assert await session.get(LobbyParticipant, (lobby.id, player.id)) is None
    assert "lobby.left" in await _events(session)


@pytest.mark.parametrize("who", ["creator", "stranger"])
async def test_only_participants_other_than_the_creator_leave(
    session: AsyncSession, gql: GQL, clock: TestClock, who: str
) -> None:
    lobby = await create_lobby(session, now=clock.now())
    actor = await _user_of(session, lobby.creator_id) if who == "creator" else None
    actor = actor or await create_user(session)
    before = await snapshot(session)

    response = await gql(LEAVE, {"id": str(lobby.id)}, as_user=actor)

    expected = "CreatorCannotLeave" if who == "creator" else "NotInLobby"
    assert response.data["leaveLobby"]["__typename"] == expected
    assert await snapshot(session) == before


async def test_the_creator_cancels_and_nobody_can_join(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    lobby = await create_lobby(session, now=clock.now(), members=1)
    creator = await _user_of(session, lobby.creator_id)

    cancelled = await gql(CANCEL, {"id": str(lobby.id)}, as_user=creator)
    joined = await gql(JOIN, {"id": str(lobby.id)}, as_user=await create_user(session))

    assert cancelled.data["cancelLobby"]["lobby"]["status"] == "CANCELLED"
    assert joined.data["joinLobby"]["status"] == "CANCELLED"
    assert (await session.get_one(Lobby, lobby.id)).cancelled_at == clock.now()
    assert "lobby.cancelled" in await _events(session)


async def test_another_user_cannot_cancel(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    lobby = await create_lobby(session, now=clock.now(), members=1)
    member = (
        await session.scalars(
            select(LobbyParticipant).where(LobbyParticipant.user_id != lobby.creator_id)
        )
    ).one()
    before = await snapshot(session)

    response = await gql(
        CANCEL, {"id": str(lobby.id)}, as_user=await _user_of(session, member.user_id)
    )

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before


async def test_an_unknown_lobby_is_not_found(
    session: AsyncSession, gql: GQL, clock: TestClock
) -> None:
    player = await create_user(session)

    response = await gql(JOIN, {"id": "00000000-0000-0000-0000-000000000000"}, as_user=player)

    assert response.data["joinLobby"]["__typename"] == "NotFound"
