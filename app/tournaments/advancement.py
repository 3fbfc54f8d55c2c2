"""Starting, advancing and finishing the bracket; cancelling a tournament.

The tournament row lock serialises everything here. On ``match.confirmed`` the slot's outcome
is copied once (a slot with ``confirmed_at`` set is never applied again, on top of the event
runtime's ``processed_events``), the bracket is resolved again from all outcomes, and the
slots that became playable get their matches. A drawn knockout match goes to the better seed
(report the shoot-out in the score to decide it otherwise).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import FieldCode, FieldIssue, ValidationError
from app.events import emit
from app.matches import bracket as matches
from app.matches import fixtures
from app.matches.events import MatchConfirmed
from app.teams import service as teams
from app.tournaments import engine, fees
from app.tournaments.errors import NotEnoughParticipantsError
from app.tournaments.events import (
    TournamentBracketAdvanced,
    TournamentFinished,
    TournamentStarted,
)
from app.tournaments.formats import seeding
from app.tournaments.formats.plan import FormatError
from app.tournaments.models import (
    EntryStatus,
    SeedingMethod,
    Tournament,
    TournamentEntry,
    TournamentFormat,
    TournamentMatch,
    TournamentStatus,
)
from app.tournaments.registration import cancel_entries, close_entry
from app.tournaments.repository import EntryRepository, SlotRepository, TournamentRepository
from app.tournaments.service import emit_updated, lock_managed, require_status, touch
from app.validation import Validator

KNOCKOUT_FORMATS = (TournamentFormat.SINGLE_ELIMINATION, TournamentFormat.DOUBLE_ELIMINATION)
NOT_DECIDED = "Организатор не рассмотрел заявку до начала турнира"
NOT_CHECKED_IN = "Команда не отметилась перед началом турнира"


async def start(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    manual_order: Sequence[uuid.UUID] | None,
    *,
    now: datetime,
) -> Tournament:
    t = await lock_managed(session, actor, tournament_id)
    require_status(t, TournamentStatus.REGISTRATION)
    entries = await _participants(session, t, actor.user_id, now)
    order = await _seed(session, t, entries, manual_order)
    try:
        engine.validate(t, len(order))
    except FormatError:
        raise NotEnoughParticipantsError() from None
    by_team = {e.team_id: e for e in entries}
    for i, team_id in enumerate(order):
        by_team[team_id].seed = i + 1
    t.status = TournamentStatus.IN_PROGRESS
    t.started_at = now
    touch(t, now)
    await session.flush()
    event = TournamentStarted(
        tournament_id=t.id,
        team_ids=order,
        seeding=t.seeding.value,
        seeding_seed=t.seeding_seed,
        participant_user_ids=[user_id for e in entries for user_id in e.roster_user_ids],
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    await _schedule(session, t, order, [], actor.user_id, now)
    return t


async def _participants(
    session: AsyncSession, t: Tournament, actor_id: uuid.UUID, now: datetime
) -> list[TournamentEntry]:
    """Approved entries; where check-in is required, the ones that did not check in drop out."""
    approved = await EntryRepository(session).of_tournaments([t.id], [EntryStatus.APPROVED])
    pending = await EntryRepository(session).of_tournaments([t.id], [EntryStatus.PENDING])
    absent = [e for e in approved if t.check_in_required and e.checked_in_at is None]
    for entry in pending:
        await close_entry(session, t, entry, NOT_DECIDED, actor_id, now)
    for entry in absent:
        await close_entry(session, t, entry, NOT_CHECKED_IN, actor_id, now)
    return [e for e in approved if e not in absent]


async def _seed(
    session: AsyncSession,
    t: Tournament,
    entries: list[TournamentEntry],
    manual_order: Sequence[uuid.UUID] | None,
) -> list[uuid.UUID]:
    keys = [str(e.team_id) for e in entries]
    if manual_order:
        t.seeding = SeedingMethod.MANUAL
    if t.seeding == SeedingMethod.MANUAL:
        try:
            return [
                uuid.UUID(k) for k in seeding.manual(keys, [str(i) for i in manual_order or []])
            ]
        except FormatError:
            issue = FieldIssue(
                "seeding",
                FieldCode.INVALID_FORMAT,
                "Перечислите все одобренные команды по одному разу",
            )
            raise ValidationError([issue]) from None
    if t.seeding == SeedingMethod.RANDOM:
        t.seeding_seed = t.seeding_seed or secrets.randbits(62)
        return [uuid.UUID(k) for k in seeding.shuffled(keys, t.seeding_seed)]
    rated = await teams.teams_by_id(session, [e.team_id for e in entries])
    ordered = seeding.by_rating([seeding.Rated(k, rated[uuid.UUID(k)].rating) for k in keys])
    return [uuid.UUID(k) for k in ordered]


async def _schedule(
    session: AsyncSession,
    t: Tournament,
    order: list[uuid.UUID],
    rows: list[TournamentMatch],
    actor_id: uuid.UUID | None,
    now: datetime,
) -> list[uuid.UUID]:
    """Matches for every slot that became playable; Swiss byes are recorded as played."""
    created: list[TournamentMatch] = []
    for slot in engine.next_slots(t, len(order), rows):
        row = TournamentMatch(
            tournament_id=t.id,
            slot_key=slot.key,
            round=slot.round,
            home_seed=slot.home_seed,
            away_seed=slot.away_seed,
            created_at=now,
        )
        if slot.away_seed is None:
            row.confirmed_at = now
        else:
            match = await fixtures.schedule_tournament_match(
                session,
                tournament_id=t.id,
                sport_id=t.sport_id,
                home_team_id=order[slot.home_seed],
                away_team_id=order[slot.away_seed],
                scheduled_at=_kick_off(t, slot.round, now),
                playground_id=t.playground_id,
                scheduled_by=actor_id,
                now=now,
            )
            row.match_id = match.id
        created.append(row)
    await SlotRepository(session).add_all(created)
    rows.extend(created)
    return [row.match_id for row in created if row.match_id is not None]


def _kick_off(t: Tournament, round_no: int, now: datetime) -> datetime:
    planned = t.starts_at + timedelta(minutes=t.round_interval_minutes * (round_no - 1))
    return max(planned, now + timedelta(minutes=t.round_interval_minutes))


async def on_match_confirmed(
    session: AsyncSession, event: MatchConfirmed, *, now: datetime
) -> None:
    if event.tournament_id is None:
        return
    t = await TournamentRepository(session).get_for_update(event.tournament_id)
    row = await SlotRepository(session).by_match(event.match_id)
    if t is None or row is None or row.confirmed_at is not None:
        return
    row.home_score, row.away_score = event.home_score, event.away_score
    row.winner_side = _winner_side(t, row, event)
    row.confirmed_at = now
    await session.flush()
    scheduled: list[uuid.UUID] = []
    if t.status == TournamentStatus.IN_PROGRESS:
        scheduled = await advance(session, t, None, now)
    touch(t, now)
    emit(
        session,
        TournamentBracketAdvanced(
            tournament_id=t.id,
            match_id=event.match_id,
            slot_key=row.slot_key,
            scheduled_match_ids=scheduled,
        ),
        actor_id=None,
        occurred_at=now,
    )


def _winner_side(t: Tournament, row: TournamentMatch, event: MatchConfirmed) -> str | None:
    if event.winner_team_id is not None:
        return "home" if event.winner_team_id == event.home_team_id else "away"
    knockout = t.format in KNOCKOUT_FORMATS or row.slot_key.startswith("P")
    if not knockout:
        return None
    assert row.away_seed is not None
    return "home" if row.home_seed < row.away_seed else "away"


async def advance(
    session: AsyncSession, t: Tournament, actor_id: uuid.UUID | None, now: datetime
) -> list[uuid.UUID]:
    """Schedule what became playable; finish the tournament when everything is played."""
    entries = await EntryRepository(session).of_tournaments([t.id], [EntryStatus.APPROVED])
    order = [e.team_id for e in entries if e.seed is not None]
    if not order:
        return []
    rows = await SlotRepository(session).of_tournaments([t.id])
    scheduled = await _schedule(session, t, order, rows, actor_id, now)
    places = engine.final_placements(t, len(order), rows)
    if places is not None and not scheduled:
        await _finish(session, t, entries, order, places, now)
    return scheduled


async def _finish(
    session: AsyncSession,
    t: Tournament,
    entries: list[TournamentEntry],
    order: list[uuid.UUID],
    places: dict[int, int],
    now: datetime,
) -> None:
    by_team = {e.team_id: e for e in entries}
    for seed, place in places.items():
        by_team[order[seed]].placement = place
    champion = next(order[s] for s, p in sorted(places.items()) if p == 1)
    t.status = TournamentStatus.FINISHED
    t.champion_team_id = champion
    t.finished_at = now
    await fees.release(session, t, entries, now)
    await session.flush()
    event = TournamentFinished(
        tournament_id=t.id,
        champion_team_id=champion,
        placements={str(order[s]): p for s, p in sorted(places.items(), key=lambda x: x[1])},
        champion_roster_user_ids=by_team[champion].roster_user_ids,
    )
    emit(session, event, actor_id=None, occurred_at=now)


async def resume(
    session: AsyncSession, actor: Principal, tournament_id: uuid.UUID, *, now: datetime
) -> Tournament:
    """Back to IN_PROGRESS; results confirmed while suspended advance the bracket now."""
    t = await lock_managed(session, actor, tournament_id)
    require_status(t, TournamentStatus.SUSPENDED)
    t.status = TournamentStatus.IN_PROGRESS
    t.suspended_at = None
    touch(t, now)
    await advance(session, t, actor.user_id, now)
    emit_updated(session, t, actor.user_id, now, ["status"])
    return t


async def cancel(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    reason: str | None,
    *,
    now: datetime,
) -> Tournament:
    """Cancels the tournament, its open matches and its entries (refunding entry fees)."""
    v = Validator()
    reason = v.text("reason", reason, min_len=3, max_len=500, required=True)
    v.raise_if_any()
    t = await lock_managed(session, actor, tournament_id)
    require_status(
        t,
        TournamentStatus.DRAFT,
        TournamentStatus.ANNOUNCED,
        TournamentStatus.REGISTRATION,
        TournamentStatus.IN_PROGRESS,
        TournamentStatus.SUSPENDED,
    )
    t.status = TournamentStatus.CANCELLED
    t.cancelled_at = now
    t.cancel_reason = reason
    touch(t, now)
    await cancel_entries(session, t, actor.user_id, now)
    rows = await SlotRepository(session).of_tournaments([t.id])
    match_ids = [row.match_id for row in rows if row.match_id and row.confirmed_at is None]
    await matches.cancel_bracket_matches(
        session, match_ids, reason or "", actor_id=actor.user_id, now=now
    )
    emit_updated(session, t, actor.user_id, now, ["status"])
    return t
