"""Demo tournaments for ``prodvor seed``, built through the services.

Ольга (organizer) runs an autumn double-elimination cup with registration open, where
«Дворовые атлеты» and «Северный ветер» are approved and Иван judges, and announces a spring
round-robin league. Idempotent: once the cup exists, nothing is added.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.teams import service as teams
from app.teams import slugs
from app.tournaments import registration, service, staff
from app.tournaments.models import TournamentFormat
from app.tournaments.settings import TournamentFields
from app.users.seed import demo_principal

CUP = "Кубок двора — осень"
LEAGUE = "Весенняя лига"


async def seed_tournaments(session: AsyncSession) -> None:
    olga = await demo_principal(session, "olga")
    if await service.get_tournament_by_slug(session, olga, slugs.slug_base(CUP)):
        return
    athletes = await teams.get_team_by_slug(session, olga, slugs.slug_base("Дворовые атлеты"))
    wind = await teams.get_team_by_slug(session, olga, slugs.slug_base("Северный ветер"))
    if athletes is None or wind is None:
        raise RuntimeError("seed the teams and matches before the tournaments")
    now = utcnow()
    cup = await service.create_tournament(
        session,
        olga,
        TournamentFields(
            name=CUP,
            sport_id=athletes.sport_id,
            city="Москва",
            format=TournamentFormat.DOUBLE_ELIMINATION,
            capacity=16,
            registration_opens_at=now - timedelta(days=1),
            registration_closes_at=now + timedelta(days=10),
            starts_at=now + timedelta(days=14),
            description="Открытый кубок для дворовых команд: две сетки, финал с переигровкой.",
            prize="Кубок и медали",
            entry_fee=100,
            roster_min=1,
            third_place=False,
        ),
        now=now,
    )
    await service.move(session, olga, cup.id, "announce", now=now)
    await service.move(session, olga, cup.id, "open_registration", now=now)
    for captain, team in (("alice", athletes), ("olga", wind)):
        entry = await registration.apply(
            session,
            await demo_principal(session, captain),
            cup.id,
            team.id,
            [(await demo_principal(session, captain)).user_id],
            now=now,
        )
        await registration.decide(session, olga, entry.id, True, None, now=now)
    judge = await demo_principal(session, "ivan")
    await staff.assign_judge(session, olga, cup.id, judge.user_id, now=now)
    await staff.post_announcement(
        session, olga, cup.id, "Жеребьёвка — за день до старта, по рейтингу команд.", now=now
    )
    league = await service.create_tournament(
        session,
        olga,
        TournamentFields(
            name=LEAGUE,
            sport_id=athletes.sport_id,
            city="Москва",
            format=TournamentFormat.ROUND_ROBIN,
            capacity=8,
            registration_opens_at=now + timedelta(days=30),
            registration_closes_at=now + timedelta(days=60),
            starts_at=now + timedelta(days=65),
            double_round_robin=True,
        ),
        now=now,
    )
    await service.move(session, olga, league.id, "announce", now=now)
    await session.flush()
