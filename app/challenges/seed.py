"""Demo personal challenge for ``prodvor seed``, built through the services.

Борис has challenged Алису to a free-throw contest for 50 PD and she has accepted: both
wagers are held in escrow until they report the outcome. Idempotent: once Борис has a
challenge, nothing is added. Needs the demo wallets (``seed_economy``).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.challenges import service
from app.db import utcnow
from app.pagination import PageRequest
from app.sports import service as sports
from app.users.seed import demo_principal

TITLE = "Кто больше штрафных из десяти"
WAGER = 50


async def seed_challenges(session: AsyncSession) -> None:
    boris = await demo_principal(session, "boris")
    existing = await service.my_challenges(session, boris, statuses=None, page=PageRequest(first=1))
    if existing.items:
        return
    alice = await demo_principal(session, "alice")
    basketball = await sports.get_sport_by_code(session, "basketball")
    if basketball is None:
        raise RuntimeError("seed the sports before the challenges")
    now = utcnow()
    challenge = await service.create_challenge(
        session,
        boris,
        service.NewChallenge(
            opponent_id=alice.user_id, sport_id=basketball.id, title=TITLE, wager=WAGER
        ),
        now=now,
    )
    await service.accept_challenge(session, alice, challenge.id, now=now)
