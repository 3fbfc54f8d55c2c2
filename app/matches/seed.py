"""Demo matches for ``prodvor seed``: played, live and scheduled, built through the services.

Two opponents join the demo teams (the demo teams all play different sports). The matches
are played at the home teams' demo playgrounds, with the service calls made at the moments
they would have happened, so the confirmed one leaves ``match.confirmed`` in the outbox and
the ``matches`` worker applies its consequences like for any other match. Idempotent: once
the demo teams have matches, nothing is added.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.matches import challenges, play, scoring, service
from app.matches.challenges import Answer
from app.matches.models import MatchEventType
from app.matches.repository import MatchFilter, MatchOrder
from app.pagination import PageRequest
from app.settings import MatchSettings, get_settings
from app.sports import service as sports
from app.teams import service as teams
from app.teams import slugs
from app.teams.models import Team
from app.users.seed import demo_principal


@dataclass(frozen=True)
class Opponent:
    name: str
    sport: str
    city: str
    captain: str


OPPONENTS = (
    Opponent("Северный ветер", "football", "Москва", "olga"),
    Opponent("Невские львы", "basketball", "Санкт-Петербург", "fedor"),
)


async def seed_matches(session: AsyncSession) -> None:
    athletes = await _team(session, "alice", "Дворовые атлеты")
    if athletes is None:
        raise RuntimeError("seed the teams and playgrounds before the matches")
    existing = await service.list_matches(
        session,
        await demo_principal(session, "alice"),
        where=MatchFilter(team_id=athletes.id),
        order=MatchOrder.LATEST_FIRST,
        page=PageRequest(first=1),
    )
    if existing.items:
        return
    wind = await _opponent(session, OPPONENTS[0])
    lions = await _opponent(session, OPPONENTS[1])
    falcons = await _team(session, "dmitry", "Соколы")
    assert falcons is not None
    now = utcnow()
    settings = get_settings().matches
    played = await _schedule(
        session, athletes, "alice", wind, "olga", now - timedelta(days=7), settings
    )
    await _play(session, played, now - timedelta(days=7), settings)
    live = await _schedule(
        session, falcons, "dmitry", lions, "fedor", now - timedelta(minutes=20), settings
    )
    await _start(session, live, "dmitry", now - timedelta(minutes=20), settings)
    await _goal(session, live, "dmitry", falcons, 12, now - timedelta(minutes=8))
    await _schedule(session, wind, "olga", athletes, "alice", now + timedelta(days=3), settings)
    await session.flush()


async def _schedule(
    session: AsyncSession,
    home: Team,
    home_captain: str,
    away: Team,
    away_captain: str,
    at: datetime,
    settings: MatchSettings,
) -> uuid.UUID:
    """A challenge sent a day before (or now) and accepted; returns the match id."""
    asked = min(at - timedelta(days=1), utcnow())
    homes = [
        *await teams.home_playground_ids(session, home.id),
        *await teams.home_playground_ids(session, away.id),
    ]
    challenge = await challenges.challenge_team(
        session,
        await demo_principal(session, home_captain),
        challenges.NewChallenge(
            from_team_id=home.id,
            to_team_id=away.id,
            playground_id=homes[0],
            proposed_at=at,
            message="Сыграем товарищеский матч?",
        ),
        now=asked,
        settings=settings,
    )
    _, match = await challenges.respond_to_challenge(
        session,
        await demo_principal(session, away_captain),
        challenge.id,
        Answer.ACCEPT,
        None,
        now=asked + timedelta(hours=1),
        settings=settings,
    )
    assert match is not None
    return match.id


async def _play(
    session: AsyncSession, match_id: uuid.UUID, at: datetime, settings: MatchSettings
) -> None:
    """Дворовые атлеты 3:2 Северный ветер, both captains agreeing on the score."""
    athletes = await _team(session, "alice", "Дворовые атлеты")
    wind = await _team(session, "olga", "Северный ветер")
    assert athletes is not None
    assert wind is not None
    await _start(session, match_id, "alice", at, settings)
    for minute, captain, team in (
        (9, "alice", athletes),
        (23, "olga", wind),
        (41, "alice", athletes),
        (67, "olga", wind),
        (88, "alice", athletes),
    ):
        await _goal(session, match_id, captain, team, minute, at + timedelta(minutes=minute))
    end = at + timedelta(hours=2)
    for captain, ours, theirs in (("alice", 3, 2), ("olga", 2, 3)):
        await scoring.report_result(
            session,
            await demo_principal(session, captain),
            match_id,
            ours,
            theirs,
            None,
            now=end,
            settings=settings,
        )


async def _start(
    session: AsyncSession, match_id: uuid.UUID, captain: str, at: datetime, settings: MatchSettings
) -> None:
    await play.start_match(
        session, await demo_principal(session, captain), match_id, now=at, settings=settings
    )


async def _goal(
    session: AsyncSession, match_id: uuid.UUID, captain: str, team: Team, minute: int, at: datetime
) -> None:
    scorer = await demo_principal(session, captain)
    await play.record_event(
        session,
        scorer,
        match_id,
        play.NewMatchEvent(
            type=MatchEventType.GOAL,
            minute=minute,
            team_id=team.id,
            player_id=scorer.user_id,
            related_player_id=None,
            comment=None,
        ),
        now=at,
    )


async def _opponent(session: AsyncSession, demo: Opponent) -> Team:
    existing = await _team(session, demo.captain, demo.name)
    if existing is not None:
        return existing
    captain = await demo_principal(session, demo.captain)
    sport = await sports.get_sport_by_code(session, demo.sport)
    assert sport is not None
    return await teams.create_team(
        session,
        captain,
        teams.NewTeam(
            name=demo.name,
            sport_id=sport.id,
            city=demo.city,
            motto=None,
            description=None,
            logo_url=None,
        ),
        now=utcnow(),
        max_captained=get_settings().teams.max_captained_teams,
    )


async def _team(session: AsyncSession, username: str, name: str) -> Team | None:
    viewer = await demo_principal(session, username)
    return await teams.get_team_by_slug(session, viewer, slugs.slug_base(name))
