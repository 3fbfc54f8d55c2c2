"""Results: two-sided reports, disputes, their resolution, technical results, confirmation.

Each captain reports the score. The first report waits for the other side until
``confirm_by``; an equal second report confirms the match at once, a different one (or an
explicit dispute) makes it DISPUTED for a judge or moderator to resolve. A report left
unanswered is confirmed as reported by ``confirm_overdue``, which a periodic task runs, or
by the first answer that comes after the deadline (which is then refused).

Every path to CONFIRMED goes through ``_confirm`` under the match's row lock, so the match
is confirmed, and ``match.confirmed`` emitted, exactly once.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode
from app.events import emit
from app.matches import stats
from app.matches.errors import (
    AlreadyReportedError,
    OwnReportDisputeError,
    ResponseDeadlinePassedError,
)
from app.matches.events import MatchConfirmed, MatchDisputed, MatchResultReported
from app.matches.models import Match, MatchReport, MatchStatus, ResultKind
from app.matches.records import ReportRepository
from app.matches.repository import MatchRepository
from app.matches.service import (
    lineups,
    lock_match,
    require_captained_side,
    require_judge,
    require_status,
)
from app.settings import MatchSettings
from app.validation import Validator

MAX_SCORE = 999
MAX_EVIDENCE = 10
REPORTS_DIFFER = "Команды сообщили разный счёт"


async def report_result(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    our_score: int,
    their_score: int,
    comment: str | None,
    *,
    now: datetime,
    settings: MatchSettings,
) -> Match:
    """A captain reports the score from their side's point of view (ours, theirs)."""
    v = Validator()
    v.int_range("ourScore", our_score, low=0, high=MAX_SCORE)
    v.int_range("theirScore", their_score, low=0, high=MAX_SCORE)
    comment = v.text("comment", comment, max_len=1000)
    v.raise_if_any()
    match = await lock_match(session, match_id)
    side = await require_captained_side(session, actor, match)
    await _settle_if_overdue(session, match, now)
    require_status(match, MatchStatus.LIVE, MatchStatus.AWAITING_CONFIRMATION)
    reports = await ReportRepository(session).of_matches([match.id])
    if any(report.team_id == side for report in reports):
        raise AlreadyReportedError()
    home, away = (
        (our_score, their_score) if side == match.home_team_id else (their_score, our_score)
    )
    report = MatchReport(
        match_id=match.id,
        team_id=side,
        home_score=home,
        away_score=away,
        comment=comment,
        reported_by_id=actor.user_id,
        reported_at=now,
    )
    await ReportRepository(session).add(report)
    match.updated_at = now
    if not reports:
        await _await_confirmation(session, match, report, actor, now, settings)
    elif (reports[0].home_score, reports[0].away_score) == (home, away):
        await _confirm(session, match, (home, away), ResultKind.AGREED, actor.user_id, now)
    else:
        await _dispute(session, match, None, REPORTS_DIFFER, [], actor.user_id, now)
    return match


async def dispute_result(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    reason: str | None,
    evidence_urls: list[str],
    *,
    now: datetime,
) -> Match:
    """The side that did not report contests the other side's report."""
    v = Validator()
    reason = v.text("reason", reason, min_len=10, max_len=2000, required=True)
    urls = _evidence(v, evidence_urls)
    v.raise_if_any()
    match = await lock_match(session, match_id)
    side = await require_captained_side(session, actor, match)
    await _settle_if_overdue(session, match, now)
    require_status(match, MatchStatus.AWAITING_CONFIRMATION)
    reports = await ReportRepository(session).of_matches([match.id])
    if any(report.team_id == side for report in reports):
        raise OwnReportDisputeError()
    await _dispute(session, match, actor.user_id, reason or "", urls, actor.user_id, now)
    return match


async def resolve_dispute(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    home_score: int,
    away_score: int,
    resolution: str | None,
    *,
    now: datetime,
) -> Match:
    """A judge of the match or a moderator decides the score, with a written resolution."""
    v = Validator()
    v.int_range("homeScore", home_score, low=0, high=MAX_SCORE)
    v.int_range("awayScore", away_score, low=0, high=MAX_SCORE)
    resolution = v.text("resolution", resolution, min_len=10, max_len=2000, required=True)
    v.raise_if_any()
    match = await lock_match(session, match_id)
    await require_judge(session, actor, match)
    require_status(match, MatchStatus.DISPUTED)
    match.resolution = resolution
    match.resolved_by_id = actor.user_id
    await _confirm(
        session, match, (home_score, away_score), ResultKind.RESOLVED, actor.user_id, now
    )
    return match


async def award_technical_result(
    session: AsyncSession,
    actor: Principal,
    match_id: uuid.UUID,
    winner_team_id: uuid.UUID | None,
    reason: str | None,
    *,
    now: datetime,
    settings: MatchSettings,
) -> Match:
    """A judge or moderator awards the match (a no-show), at any point before confirmation."""
    v = Validator()
    reason = v.text("reason", reason, min_len=3, max_len=1000, required=True)
    v.raise_if_any()
    match = await lock_match(session, match_id)
    await require_judge(session, actor, match)
    require_status(
        match,
        MatchStatus.SCHEDULED,
        MatchStatus.LIVE,
        MatchStatus.AWAITING_CONFIRMATION,
        MatchStatus.DISPUTED,
    )
    if winner_team_id not in match.team_ids():
        v.add("winnerTeamId", FieldCode.NOT_FOUND, "Команда не играет в этом матче")
        v.raise_if_any()
    won = settings.technical_win_score
    score = (won, 0) if winner_team_id == match.home_team_id else (0, won)
    match.technical_reason = reason
    await _confirm(session, match, score, ResultKind.TECHNICAL, actor.user_id, now)
    return match


async def confirm_overdue(session: AsyncSession, *, now: datetime, limit: int) -> list[Match]:
    """Confirm, as reported, the reports nobody answered in time (a batch of them)."""
    matches = await MatchRepository(session).overdue_for_update(now, limit)
    for match in matches:
        await _confirm_as_reported(session, match, now)
    return matches


async def _settle_if_overdue(session: AsyncSession, match: Match, now: datetime) -> None:
    """An answer after ``confirm_by`` comes too late even when ``confirm_overdue`` has not run
    yet: the report is confirmed as it stands, here and now, and the caller is told why.

    The caller holds the match's row lock, and ``confirm_overdue`` skips locked rows and
    re-reads the status, so the match is confirmed once whichever of them comes first.
    """
    if match.status is not MatchStatus.AWAITING_CONFIRMATION or match.confirm_by is None:
        return
    if now < match.confirm_by:
        return
    deadline = match.confirm_by
    await _confirm_as_reported(session, match, now)
    raise ResponseDeadlinePassedError(deadline=deadline)


async def _confirm_as_reported(session: AsyncSession, match: Match, now: datetime) -> None:
    [report] = await ReportRepository(session).of_matches([match.id])
    score = (report.home_score, report.away_score)
    await _confirm(session, match, score, ResultKind.AUTO_CONFIRMED, None, now)


async def _await_confirmation(
    session: AsyncSession,
    match: Match,
    report: MatchReport,
    actor: Principal,
    now: datetime,
    settings: MatchSettings,
) -> None:
    match.status = MatchStatus.AWAITING_CONFIRMATION
    match.finished_at = now
    match.confirm_by = now + timedelta(hours=settings.confirmation_hours)
    await session.flush()
    event = MatchResultReported(
        match_id=match.id,
        team_id=report.team_id,
        home_score=report.home_score,
        away_score=report.away_score,
        confirm_by=match.confirm_by,
        awaiting_team_id=match.opponent_of(report.team_id),
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)


async def _dispute(
    session: AsyncSession,
    match: Match,
    disputed_by: uuid.UUID | None,
    reason: str,
    evidence_urls: list[str],
    actor_id: uuid.UUID,
    now: datetime,
) -> None:
    match.status = MatchStatus.DISPUTED
    match.finished_at = match.finished_at or now
    match.confirm_by = None
    match.disputed_at = now
    match.disputed_by_id = disputed_by
    match.dispute_reason = reason
    match.dispute_evidence_urls = evidence_urls
    match.updated_at = now
    await session.flush()
    event = MatchDisputed(
        match_id=match.id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        cause="DISPUTE_OPENED" if disputed_by else "REPORTS_DIFFER",
        disputed_by=disputed_by,
        reason=reason,
    )
    emit(session, event, actor_id=actor_id, occurred_at=now)


async def _confirm(
    session: AsyncSession,
    match: Match,
    score: tuple[int, int],
    kind: ResultKind,
    actor_id: uuid.UUID | None,
    now: datetime,
) -> None:
    home, away = score
    winner = None if home == away else (match.home_team_id if home > away else match.away_team_id)
    match.status = MatchStatus.CONFIRMED
    match.home_score, match.away_score = home, away
    match.winner_team_id = winner
    match.result_kind = kind
    match.confirm_by = None
    match.confirmed_at = now
    match.finished_at = match.finished_at or now
    match.updated_at = now
    await session.flush()
    home_players, away_players = await lineups(session, match)
    event = MatchConfirmed(
        match_id=match.id,
        sport_id=match.sport_id,
        tournament_id=match.tournament_id,
        playground_id=match.playground_id,
        home_team_id=match.home_team_id,
        away_team_id=match.away_team_id,
        home_player_ids=home_players,
        away_player_ids=away_players,
        home_score=home,
        away_score=away,
        winner_team_id=winner,
        loser_team_id=None if winner is None else match.opponent_of(winner),
        result_kind=kind,
        technical=kind is ResultKind.TECHNICAL,
        scheduled_at=match.scheduled_at,
        played_at=match.started_at or match.scheduled_at,
        confirmed_at=now,
        goals=await stats.protocol_goals(session, match.id),
    )
    emit(session, event, actor_id=actor_id, occurred_at=now)


def _evidence(v: Validator, urls: list[str]) -> list[str]:
    if len(urls) > MAX_EVIDENCE:
        v.add("evidenceUrls", FieldCode.TOO_LONG, f"Не больше {MAX_EVIDENCE} ссылок")
        return []
    return [url for i, raw in enumerate(urls) if (url := v.url(f"evidenceUrls.{i}", raw))]
