"""Lobbies: the owner created the lobby (or, for leaving, joined someone else's)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies.models import LobbyParticipant
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_sport
from tests.lobbies.helpers import create_lobby, snapshot


async def owners_lobby(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    lobby = await create_lobby(session, now=datetime.now(UTC), creator=cast.owner)
    return {"id": str(lobby.id), "v": {"lobbyId": str(lobby.id)}}


async def lobby_the_owner_joined(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    lobby = await create_lobby(session, now=datetime.now(UTC))
    session.add(LobbyParticipant(lobby_id=lobby.id, user_id=cast.owner.id))
    lobby.participant_count += 1
    await session.flush()
    return {"v": {"lobbyId": str(lobby.id)}}


async def new_lobby(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    return {
        "v": {
            "kind": "TRAINING",
            "sportId": str(sport.id),
            "startsAt": (datetime.now(UTC) + timedelta(days=1)).isoformat(),
            "durationMinutes": 60,
            "playersNeeded": 4,
            "place": "Парк Горького",
            "location": {"latitude": 55.73, "longitude": 37.6},
        }
    }


async def state(session: AsyncSession, cast: Cast) -> object:
    return await snapshot(session)


def mutation(name: str, expect: dict[Actor, Outcome], arrange: Any) -> Case:
    input_type = f"{name[0].upper()}{name[1:]}Input"
    document = f"mutation($v: {input_type}!) {{ {name}(input: $v) {{ __typename }} }}"
    return Case(f"Mutation.{name}", document, expect, arrange=arrange, snapshot=state)


REFUSED = Outcome.REFUSED
CASES = [
    Case(
        "Query.lobby",
        "query($id: ID!) { lobby(id: $id) { id participants { user { id } } } }",
        everyone_signed_in(),
        arrange=owners_lobby,
    ),
    Case(
        "Query.lfgLobbies",
        "query { lfgLobbies(first: 5) { nodes { id } } }",
        everyone_signed_in(),
    ),
    mutation("createLobby", everyone_signed_in(), new_lobby),
    mutation("joinLobby", everyone_signed_in(owner=REFUSED), owners_lobby),
    mutation(
        "leaveLobby",
        everyone_signed_in(stranger=REFUSED, moderator=REFUSED),
        lobby_the_owner_joined,
    ),
    mutation(
        "cancelLobby",
        everyone_signed_in(stranger=Outcome.FORBIDDEN, moderator=Outcome.FORBIDDEN),
        owners_lobby,
    ),
]
