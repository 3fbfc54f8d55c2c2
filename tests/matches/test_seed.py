"""Demo matches: played, live and scheduled; seeding twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import Match, MatchEvent, MatchStatus
from app.matches.seed import seed_matches
from app.playgrounds.seed import seed_playgrounds
from app.sports.seed import seed_sports
from app.teams.seed import seed_teams
from app.users.seed import seed_users
from tests.matches.helpers import outbox


async def seed(session: AsyncSession) -> None:
    await seed_users(session)
    await seed_sports(session)
    await seed_teams(session)
    await seed_playgrounds(session)
    await seed_matches(session)


async def test_demo_matches_cover_the_states(session: AsyncSession) -> None:
    await seed(session)

    statuses = sorted((await session.scalars(select(Match.status))).all())
    assert statuses == sorted([MatchStatus.CONFIRMED, MatchStatus.LIVE, MatchStatus.SCHEDULED])
    assert all((await session.scalars(select(Match.playground_id))).all())
    [confirmed] = await outbox(session, "match.confirmed")
    assert (confirmed.payload["home_score"], confirmed.payload["away_score"]) == (3, 2)
    assert await session.scalar(select(func.count()).select_from(MatchEvent)) == 6


async def test_seeding_twice_adds_no_match(session: AsyncSession) -> None:
    await seed(session)

    await seed(session)

    assert await session.scalar(select(func.count()).select_from(Match)) == 3
