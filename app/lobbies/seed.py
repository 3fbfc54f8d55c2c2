"""Demo lobby for ``prodvor seed``, built through the services.

Алиса looks for players for a football game in a Moscow courtyard two days after seeding, and
Борис has joined. Idempotent while that game is ahead; seeded again after it, the demo gets a
new one.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.lobbies import service
from app.lobbies.models import LobbyKind
from app.pagination import PageRequest
from app.sports import service as sports
from app.users.seed import demo_principal

PLACE = "Двор на Малой Бронной, коробка у школы"
POINT = service.Point(latitude=55.7601, longitude=37.5961)


async def seed_lobbies(session: AsyncSession) -> None:
    alice = await demo_principal(session, "alice")
    now = utcnow()
    mine = await service.find_lobbies(
        session,
        alice,
        sport_id=None,
        playground_id=None,
        near=None,
        starts_from=None,
        starts_to=None,
        page=PageRequest(first=100),
        now=now,
    )
    if any(lobby.creator_id == alice.user_id for lobby in mine.items):
        return
    football = await sports.get_sport_by_code(session, "football")
    if football is None:
        raise RuntimeError("seed the sports before the lobbies")
    lobby = await service.create_lobby(
        session,
        alice,
        service.NewLobby(
            kind=LobbyKind.GAME,
            sport_id=football.id,
            playground_id=None,
            place=PLACE,
            point=POINT,
            starts_at=now + timedelta(days=2),
            duration_minutes=90,
            players_needed=10,
            comment="Играем 5 на 5, мяч есть. Нужны ещё игроки!",
        ),
        now=now,
    )
    await service.join_lobby(session, await demo_principal(session, "boris"), lobby.id, now=now)
