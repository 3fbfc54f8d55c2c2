"""A match from the schedule to the final whistle: lineups, the start, the protocol, cancelling.

Lineups are the players who take part. Each captain may name their side's lineup while the
match is scheduled or live (``setMatchLineup``); a side without one gets its roster's
players (captain and players, not coaches or managers) when the match starts. In a tournament
match only the players of the team's approved entry may play (``entries``), whether named or
by default. A player is on one side only: one who is on both rosters is left out of the
default lineups, and a captain cannot name a player the other side already named.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode
from app.events import emit
from app.matches.entries import tournament_rosters
from app.matches.errors import LineupConflictError, MatchTooEarlyError
from app.matches.events import MatchCancelled, MatchEventRecorded, MatchLineupSet, MatchStarted
from app.matches.models import Match, MatchEvent, MatchEventType, MatchStatus
from app.matches.records import LineupRepository, ProtocolRepository
from app.matches.service import (
    captained_side,
    lineups,
    lock_match,
    may_judge,
    require_captained_side,
    require_status,
)
from app.settings import MatchSettings
from app.sports import service as sports
from app.teams import service as teams
from app.teams.models import TeamRole
from app.validation import Validator

MAX_MINUTE = 999
PLAYING_ROLES = (TeamRole.CAPTAIN, TeamRole.PLAYER)
NOT_ENTERED = "В турнирном матче играют только игроки из одобренной заявки команды на турнир"


class NewMatchEvent(TypedDict):
    type: MatchEventType
    minute: int
    team_id: uuid.UUID | None
    player_id: uuid.UUID | None
    related_player_id: uuid.UUID | None
    comment: str | None


async def set_lineup(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    player_ids: list[uuid.UUID | None],
    *,
    now: datetime,
) -> Match:
    """A captain names the players of their side (members of the team, in order)."""
    match = await lock_match(session, match_id)
    side = await require_captained_side(session, actor, match)
    require_status(match, MatchStatus.SCHEDULED, MatchStatus.LIVE)
    wanted = list(dict.fromkeys(player_ids))
    await _check_lineup(session, match, side, wanted)
    chosen = [player_id for player_id in wanted if player_id is not None]
    await LineupRepository(session).replace(match.id, side, chosen)
    match.updated_at = now
    await session.flush()
    event = MatchLineupSet(match_id=match.id, team_id=side, player_ids=chosen)
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return match


async def start_match(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    *,
    now: datetime,
    settings: MatchSettings,
) -> Match:
    """A captain of either side, or a judge, starts the match; lineups are fixed then."""
    match = await lock_match(session, match_id)
    await _require_captain_or_judge(session, actor, match)
    require_status(match, MatchStatus.SCHEDULED)
    earliest = match.scheduled_at - timedelta(minutes=settings.early_start_minutes)
    if now < earliest:
        raise MatchTooEarlyError(starts_at=earliest)
    home, away = await _fill_lineups(session, match)
    match.status = MatchStatus.LIVE
    match.started_at = now
    match.updated_at = now
    await session.flush()
    event = MatchStarted(
        match_id=match.id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        home_player_ids=home,
        away_player_ids=away,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return match


async def record_event(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    fields: NewMatchEvent,
    *,
    now: datetime,
) -> tuple[Match, MatchEvent]:
    """A protocol entry while the match is live: captains for their own side, judges for both."""
    match = await lock_match(session, match_id)
    side = await captained_side(session, actor, match)
    judge = await may_judge(session, actor, match)
    if side is None and not judge:
        raise AccessDeniedError("Протокол ведут капитаны команд и судьи")
    require_status(match, MatchStatus.LIVE)
    cleaned = await _check_event(session, match, fields)
    if not judge and cleaned["team_id"] != side:
        raise AccessDeniedError("Капитан записывает события только своей команды")
    match.event_count += 1
    event = MatchEvent(
        match_id=match.id,
        number=match.event_count,
        recorded_by_id=actor.user_id,
        created_at=now,
        **cleaned,
    )
    await ProtocolRepository(session).add(event)
    match.updated_at = now
    await session.flush()
    emit(session, _recorded(event), actor_id=actor.user_id, occurred_at=now)
    return match, event


async def cancel_match(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    reason: str | None,
    *,
    now: datetime,
) -> Match:
    """Captains may call off a scheduled friendly; judges and moderators any scheduled or live
    match (a tournament match belongs to the bracket, so its captains cannot)."""
    v = Validator()
    reason = v.text("reason", reason, min_len=3, max_len=500, required=True)
    v.raise_if_any()
    match = await lock_match(session, match_id)
    if await may_judge(session, actor, match):
        require_status(match, MatchStatus.SCHEDULED, MatchStatus.LIVE)
    else:
        await require_captained_side(session, actor, match)
        if match.tournament_id is not None:
            raise AccessDeniedError("Турнирный матч отменяют судьи турнира или модераторы")
        require_status(match, MatchStatus.SCHEDULED)
    match.status = MatchStatus.CANCELLED
    match.cancelled_at = now
    match.cancelled_by_id = actor.user_id
    match.cancel_reason = reason
    match.updated_at = now
    await session.flush()
    event = MatchCancelled(
        match_id=match.id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        cancelled_by=actor.user_id,
        reason=reason or "",
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return match


async def _require_captain_or_judge(session: AsyncSession, actor: Principal, match: Match) -> None:
    if await captained_side(session, actor, match) is None and not await may_judge(
        session, actor, match
    ):
        raise AccessDeniedError("Это могут сделать капитаны команд и судьи")


async def _check_lineup(
    session: AsyncSession, match: Match, side: uuid.UUID, wanted: list[uuid.UUID | None]
) -> None:
    v = Validator()
    sport = await sports.get_sport(session, match.sport_id)
    limit = sport.roster_max if sport and sport.roster_max else 100
    if not wanted:
        v.add("playerIds", FieldCode.REQUIRED, "Укажите хотя бы одного игрока")
    elif len(wanted) > limit:
        v.add("playerIds", FieldCode.TOO_LONG, f"Не больше {limit} игроков")
    else:
        members = {user_id for user_id, _ in await teams.member_roles(session, side)}
        entered = await _entered(session, match)
        if any(player_id not in members for player_id in wanted):
            v.add(
                "playerIds", FieldCode.NOT_FOUND, "В заявку можно включить только игроков команды"
            )
        elif entered is not None and any(p not in entered[side] for p in wanted):
            v.add("playerIds", FieldCode.NOT_ALLOWED, NOT_ENTERED)
    v.raise_if_any()
    taken = (await LineupRepository(session).by_team(match.id)).get(match.opponent_of(side), [])
    conflicts = sorted(set(taken) & {p for p in wanted if p is not None})
    if conflicts:
        raise LineupConflictError(user_ids=[str(user_id) for user_id in conflicts])


async def _fill_lineups(
    session: AsyncSession, match: Match
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Fix the lineups: sides without one get their roster's players."""
    chosen = dict(zip(match.team_ids(), await lineups(session, match), strict=True))
    entered = await _entered(session, match)
    defaults = {
        team_id: [
            u
            for u, role in await teams.member_roles(session, team_id)
            if role in PLAYING_ROLES and (entered is None or u in entered[team_id])
        ]
        for team_id, players in chosen.items()
        if not players
    }
    taken = {u for players in chosen.values() for u in players} | _on_both(defaults)
    for team_id, players in defaults.items():
        chosen[team_id] = [u for u in players if u not in taken]
        await LineupRepository(session).replace(match.id, team_id, chosen[team_id])
    return chosen[match.home_team_id], chosen[match.away_team_id]


async def _entered(session: AsyncSession, match: Match) -> dict[uuid.UUID, set[uuid.UUID]] | None:
    """For a tournament match, each side's approved roster (only they may play); else ``None``."""
    if match.tournament_id is None:
        return None
    return await tournament_rosters.of(session, match.tournament_id, match.team_ids())


def _on_both(defaults: dict[uuid.UUID, list[uuid.UUID]]) -> set[uuid.UUID]:
    if len(defaults) < 2:
        return set()
    first, second = defaults.values()
    return set(first) & set(second)


async def _check_event(
    session: AsyncSession, match: Match, fields: NewMatchEvent
) -> dict[str, object]:
    v = Validator()
    v.int_range("minute", fields["minute"], low=0, high=MAX_MINUTE)
    comment = v.text("comment", fields["comment"], max_len=500)
    team_id = fields["team_id"]
    if team_id not in match.team_ids():
        v.add("teamId", FieldCode.NOT_FOUND, "Команда не играет в этом матче")
    else:
        lineup = (await LineupRepository(session).by_team(match.id)).get(team_id, [])
        for path, key in (("playerId", "player_id"), ("relatedPlayerId", "related_player_id")):
            player_id = fields[key]  # type: ignore[literal-required]
            if player_id is not None and player_id not in lineup:
                v.add(path, FieldCode.NOT_FOUND, "Этого игрока нет в заявке команды на матч")
    v.raise_if_any()
    return {
        "type": fields["type"],
        "minute": fields["minute"],
        "team_id": team_id,
        "player_id": fields["player_id"],
        "related_player_id": fields["related_player_id"],
        "comment": comment,
    }


def _recorded(event: MatchEvent) -> MatchEventRecorded:
    return MatchEventRecorded(
        match_id=event.match_id,
        event_id=event.id,
        number=event.number,
        event_type=event.type,
        minute=event.minute,
        team_id=event.team_id,
        player_id=event.player_id,
        related_player_id=event.related_player_id,
    )
