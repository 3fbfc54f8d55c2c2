"""Arrangements and documents shared by the lobby tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies.models import Lobby, LobbyKind, LobbyParticipant
from app.users.models import User
from tests.factories import create_sport, create_user

ERRORS = "... on UserError { code message }"
FIELDS = "id status participantCount participants { user { id } }"
LOBBY = f"lobby {{ {FIELDS} }}"


async def create_lobby(
    session: AsyncSession,
    *,
    now: datetime,
    creator: User | None = None,
    starts_in: timedelta = timedelta(hours=2),
    players_needed: int = 4,
    duration_minutes: int = 90,
    latitude: float = 55.7558,
    longitude: float = 37.6173,
    members: int = 0,
) -> Lobby:
    """A lobby in central Moscow, its creator in it, plus ``members`` more participants."""
    creator = creator or await create_user(session)
    sport = await create_sport(session)
    starts_at = now + starts_in
    lobby = Lobby(
        kind=LobbyKind.GAME,
        sport_id=sport.id,
        place="Двор на Арбате",
        latitude=latitude,
        longitude=longitude,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=duration_minutes),
        duration_minutes=duration_minutes,
        players_needed=players_needed,
        participant_count=1 + members,
        creator_id=creator.id,
    )
    session.add(lobby)
    await session.flush()
    session.add(LobbyParticipant(lobby_id=lobby.id, user_id=creator.id, joined_at=now))
    for _ in range(members):
        member = await create_user(session)
        session.add(LobbyParticipant(lobby_id=lobby.id, user_id=member.id, joined_at=now))
    await session.flush()
    return lobby


async def snapshot(session: AsyncSession) -> object:
    """Every lobby and participation, for "nothing changed" assertions."""
    lobbies = (await session.execute(select(Lobby.__table__))).all()
    participants = (await session.execute(select(LobbyParticipant.__table__))).all()
    return sorted(map(tuple, lobbies), key=str), sorted(map(tuple, participants), key=str)
