from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.lobbies.models import Lobby, LobbyParticipant
from app.lobbies.repository import LobbyRepository, ParticipantRepository


async def load_lobbies_by_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[Lobby | None]:
    found = {lobby.id: lobby for lobby in await LobbyRepository(session).get_many(keys)}
    return [found.get(key) for key in keys]


async def load_lobby_participants_by_lobby_id(
    session: AsyncSession, keys: Sequence[uuid.UUID]
) -> list[list[LobbyParticipant]]:
    grouped: defaultdict[uuid.UUID, list[LobbyParticipant]] = defaultdict(list)
    for participant in await ParticipantRepository(session).of_lobbies(keys):
        grouped[participant.lobby_id].append(participant)
    return [grouped[key] for key in keys]
