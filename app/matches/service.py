"""Matches: finding them, and the access rules every change starts from.

Challenges are in ``challenges.py``; lineups, the start, the protocol and cancelling in
``play.py``; results, disputes and confirmation in ``scoring.py``; what a confirmed result
changes in ``handlers.py`` (the ``matches`` worker); fixtures other domains schedule in
``fixtures.py``. Every change to a match locks its row first (``lock_match``).

Matches are public to every signed-in user, like teams; challenges only to the members of
the two teams and to staff.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, NotFoundError
from app.matches.errors import MatchStatusError, PartyToMatchError
from app.matches.judges import tournament_judges
from app.matches.models import Match, MatchEvent, MatchReport, MatchStatus
from app.matches.records import LineupRepository, ProtocolRepository, ReportRepository
from app.matches.repository import PLAYED, UPCOMING, MatchFilter, MatchOrder, MatchRepository
from app.pagination import Page, PageRequest
from app.teams import service as teams
from app.teams.guards import disband_guards

AHEAD_LIMIT = 100
"""Matches ahead of one team whose chats follow its roster."""


async def get_match(session: AsyncSession, viewer: Principal, match_id: uuid.UUID) -> Match | None:
    return await MatchRepository(session).get(match_id)


async def list_matches(
    session: AsyncSession,
    viewer: Principal,
    *,
    where: MatchFilter,
    order: MatchOrder,
    page: PageRequest,
) -> Page[Match]:
    return await MatchRepository(session).page(where, order, page)


async def upcoming_matches(
    session: AsyncSession, viewer: Principal, team_id: uuid.UUID, *, now: datetime, limit: int
) -> list[Match]:
    """The team's scheduled or live matches from now on, soonest first."""
    where = MatchFilter(team_id=team_id, statuses=UPCOMING, scheduled_from=now)
    page = PageRequest(first=limit)
    return (await MatchRepository(session).page(where, MatchOrder.SOONEST_FIRST, page)).items


async def ahead_of_team(session: AsyncSession, team_id: uuid.UUID) -> list[Match]:
    """The team's scheduled or live matches, soonest first (the chat worker keeps their chats'
    members in step with the rosters). A team plans far fewer than ``AHEAD_LIMIT``."""
    rows = await MatchRepository(session).of_teams(
        [team_id], UPCOMING, limit=AHEAD_LIMIT, soonest_first=True
    )
    return [match for _, match in rows]


async def played_matches(
    session: AsyncSession,
    viewer: Principal,
    team_id: uuid.UUID,
    *,
    limit: int,
    confirmed_only: bool = False,
) -> list[Match]:
    """The team's played matches (with a reported or confirmed result), newest first."""
    statuses = (MatchStatus.CONFIRMED,) if confirmed_only else PLAYED
    where = MatchFilter(team_id=team_id, statuses=statuses)
    page = PageRequest(first=limit)
    return (await MatchRepository(session).page(where, MatchOrder.LATEST_FIRST, page)).items


async def protocol(session: AsyncSession, viewer: Principal, match: Match) -> list[MatchEvent]:
    """The match's protocol in match time (public, like the match)."""
    return await ProtocolRepository(session).of_matches([match.id])


async def reports(session: AsyncSession, viewer: Principal, match: Match) -> list[MatchReport]:
    """The scores each side reported, oldest first (public, like the match)."""
    return await ReportRepository(session).of_matches([match.id])


async def lock_match(session: AsyncSession, match_id: uuid.UUID) -> Match:
    match = await MatchRepository(session).get_for_update(match_id)
    if match is None:
        raise NotFoundError()
    return match


def require_status(match: Match, *allowed: MatchStatus) -> None:
    if match.status not in allowed:
        raise MatchStatusError(status=match.status)


async def captained_side(session: AsyncSession, actor: Principal, match: Match) -> uuid.UUID | None:
    """The side (team id) the actor captains in this match, if any."""
    for team_id in match.team_ids():
        if await teams.is_captain(session, actor.user_id, team_id):
            return team_id
    return None


async def require_captained_side(
    session: AsyncSession, actor: Principal, match: Match
) -> uuid.UUID:
    side = await captained_side(session, actor, match)
    if side is None:
        raise AccessDeniedError("Это может сделать только капитан одной из команд")
    return side


async def judge_ids(session: AsyncSession, matches: Sequence[Match]) -> list[list[uuid.UUID]]:
    """The judges of each match (its tournament's), in the order of ``matches``."""
    tournaments = sorted({m.tournament_id for m in matches if m.tournament_id is not None})
    judges = await tournament_judges.of(session, tournaments)
    return [judges.get(m.tournament_id, []) if m.tournament_id else [] for m in matches]


async def may_judge(session: AsyncSession, actor: Principal, match: Match) -> bool:
    """Moderators and the judges of the match's tournament, except in a match they are a
    party to (see ``parties``)."""
    return await _is_judge_for(session, actor, match) and actor.user_id not in (
        await parties(session, match)
    )


async def require_judge(session: AsyncSession, actor: Principal, match: Match) -> None:
    if not await _is_judge_for(session, actor, match):
        raise AccessDeniedError("Это может сделать только судья матча или модератор")
    if actor.user_id in await parties(session, match):
        raise PartyToMatchError()


async def parties(session: AsyncSession, match: Match) -> set[uuid.UUID]:
    """Who may not judge this match: the members of both teams and the players of both
    lineups (one who left a team after playing for it is still a party to that match)."""
    rosters = await teams.member_ids(session, match.team_ids())
    home, away = await lineups(session, match)
    return {*home, *away, *(user_id for members in rosters.values() for user_id in members)}


async def _is_judge_for(session: AsyncSession, actor: Principal, match: Match) -> bool:
    """Moderators always; otherwise the judges of the match's tournament."""
    if actor.is_staff:
        return True
    [judges] = await judge_ids(session, [match])
    return actor.user_id in judges


async def lineups(session: AsyncSession, match: Match) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Player ids of the home and away lineups."""
    by_team = await LineupRepository(session).by_team(match.id)
    return by_team.get(match.home_team_id, []), by_team.get(match.away_team_id, [])


def as_utc(moment: datetime) -> datetime:
    """Times without an offset are taken as UTC (the API speaks UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def unfinished_matches_objection(session: AsyncSession, team_id: uuid.UUID) -> str | None:
    """A team with a match still to be played or settled cannot be disbanded."""
    if await MatchRepository(session).has_unfinished(team_id):
        return "У команды есть незавершённые матчи: доиграйте или отмените их"
    return None


disband_guards.add(unfinished_matches_objection)
