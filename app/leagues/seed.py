"""Demo league for ``prodvor seed``, built through the services.

Ольга (organizer) runs «Лига двора — Москва» in the football teams' sport: an autumn season
with a top division that «Дворовые атлеты» and «Северный ветер» have entered. Idempotent:
once the league exists, nothing is added.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.leagues import service
from app.pagination import PageRequest
from app.teams import service as teams
from app.teams import slugs
from app.users.seed import demo_principal

NAME = "Лига двора — Москва"
CITY = "Москва"


async def seed_leagues(session: AsyncSession) -> None:
    olga = await demo_principal(session, "olga")
    existing = await service.list_leagues(
        session, olga, sport_id=None, city=CITY, page=PageRequest(first=100)
    )
    if any(league.name == NAME for league in existing.items):
        return
    sides = [
        await teams.get_team_by_slug(session, olga, slugs.slug_base(name))
        for name in ("Дворовые атлеты", "Северный ветер")
    ]
    athletes, wind = sides
    if athletes is None or wind is None:
        raise RuntimeError("seed the teams and matches before the leagues")
    now = utcnow()
    league = await service.create_league(session, olga, NAME, athletes.sport_id, CITY, now=now)
    season = await service.add_season(session, olga, league.id, "Осень 2026", ["Высший"], now=now)
    [top] = await service.divisions_of(session, [season.id])
    for team in (athletes, wind):
        await service.enter_team(session, olga, top.id, team.id, now=now)
