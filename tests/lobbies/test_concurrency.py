"""Thirty players race for the seven free places of a lobby."""

from __future__ import annotations

import asyncio
from collections import Counter

from sqlalchemy import func, select

from app.db import Database
from app.lobbies.models import Lobby, LobbyParticipant
from tests.factories import create_user
from tests.fixtures.app import TestClock
from tests.fixtures.racing import Racer
from tests.lobbies.helpers import create_lobby

JOIN = "mutation($id: ID!) { joinLobby(input: {lobbyId: $id}) { __typename } }"


async def test_concurrent_joins_never_overbook(
    committed_database: Database, racer: Racer, clock: TestClock
) -> None:
    async with committed_database.transaction() as session:
        lobby = await create_lobby(session, now=clock.now(), players_needed=10, members=2)
        players = [await create_user(session) for _ in range(30)]

    results = await asyncio.gather(
        *(racer(JOIN, {"id": str(lobby.id)}, player) for player in players)
    )

    assert Counter(r["__typename"] for r in results) == {"LobbyPayload": 7, "LobbyFull": 23}
    async with committed_database.transaction() as session:
        saved = await session.get_one(Lobby, lobby.id)
        joined = await session.scalar(
            select(func.count())
            .select_from(LobbyParticipant)
            .where(LobbyParticipant.lobby_id == lobby.id)
        )
        assert (saved.participant_count, joined) == (10, 10)
