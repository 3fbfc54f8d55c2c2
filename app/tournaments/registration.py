"""Registration: a captain applies with a roster, the organizer decides, the team may withdraw.

Requirements are checked when applying: the window and the capacity, the sport, the roster
size, the team's rating range, the players' age range (on the start day) and one team per
player in a tournament. Capacity counts approved entries and is checked again on approval,
under the tournament's row lock. The entry fee (``fees``) is held in escrow when a team applies
and refunded on rejection, withdrawal or cancellation.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.teams import service as teams
from app.tournaments import fees
from app.tournaments.errors import (
    AlreadyRegisteredError,
    ApplicationNotPendingError,
    PlayerAlreadyEnteredError,
    RegistrationClosedError,
    RequirementsNotMetError,
    TournamentFullError,
)
from app.tournaments.events import (
    TournamentApplicationDecided,
    TournamentApplicationSubmitted,
)
from app.tournaments.models import EntryStatus, Tournament, TournamentEntry, TournamentStatus
from app.tournaments.repository import EntryRepository, TournamentRepository
from app.tournaments.service import lock_managed, may_see, require_status, touch
from app.users import service as users
from app.validation import Validator


async def apply(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    team_id: uuid.UUID,
    roster_user_ids: Sequence[uuid.UUID],
    *,
    now: datetime,
) -> TournamentEntry:
    t = await TournamentRepository(session).get_for_update(tournament_id)
    if t is None or not may_see(actor, t):
        raise NotFoundError()
    team = await teams.lock_active_team(session, team_id)
    if not await teams.is_captain(session, actor.user_id, team.id):
        raise AccessDeniedError("Заявку подаёт капитан команды")
    _require_open(t, now)
    roster = list(dict.fromkeys(roster_user_ids))
    await _check_requirements(session, actor, t, team.id, team.sport_id, team.rating, roster)
    entries = EntryRepository(session)
    if await entries.live_of_team(t.id, team.id):
        raise AlreadyRegisteredError()
    if await entries.players_entered(t.id, roster):
        raise PlayerAlreadyEnteredError()
    if await entries.count_approved(t.id) >= t.capacity:
        raise TournamentFullError()
    entry = await entries.add(
        TournamentEntry(
            tournament_id=t.id,
            team_id=team.id,
            roster_user_ids=roster,
            applied_by_id=actor.user_id,
            created_at=now,
        )
    )
    await fees.hold(session, t, entry, now)
    touch(t, now)
    event = TournamentApplicationSubmitted(
        tournament_id=t.id,
        entry_id=entry.id,
        team_id=team.id,
        roster_user_ids=roster,
        entry_fee=t.entry_fee,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return entry


def _require_open(t: Tournament, now: datetime) -> None:
    if t.status != TournamentStatus.REGISTRATION:
        raise RegistrationClosedError()
    if not t.registration_opens_at <= now < t.registration_closes_at:
        raise RegistrationClosedError()


async def _check_requirements(
    session: AsyncSession,
    actor: Principal,
    t: Tournament,
    team_id: uuid.UUID,
    sport_id: uuid.UUID,
    rating: float,
    roster: list[uuid.UUID],
) -> None:
    v = Validator()
    members = {m.user_id for m in await teams.roster(session, actor, team_id)}
    if any(user_id not in members for user_id in roster):
        v.add("rosterUserIds", FieldCode.NOT_FOUND, "В заявке есть игроки не из этой команды")
    if len(roster) < t.roster_min or (t.roster_max is not None and len(roster) > t.roster_max):
        v.add("rosterUserIds", FieldCode.OUT_OF_RANGE, _roster_message(t))
    v.raise_if_any()
    if sport_id != t.sport_id:
        raise RequirementsNotMetError("Команда играет в другой вид спорта", requirement="SPORT")
    if (t.rating_min is not None and rating < t.rating_min) or (
        t.rating_max is not None and rating > t.rating_max
    ):
        raise RequirementsNotMetError(
            "Рейтинг команды вне допустимого диапазона", requirement="RATING"
        )
    if t.age_min is not None or t.age_max is not None:
        await _check_ages(session, t, roster)


def _roster_message(t: Tournament) -> str:
    if t.roster_max is None:
        return f"В заявке должно быть не меньше {t.roster_min} игроков"
    return f"В заявке должно быть от {t.roster_min} до {t.roster_max} игроков"


async def _check_ages(session: AsyncSession, t: Tournament, roster: list[uuid.UUID]) -> None:
    people = await users.users_by_id(session, roster)
    day = t.starts_at.date()
    for user_id in roster:
        birth: date | None = people[user_id].birth_date if user_id in people else None
        age = users.age_on(birth, day) if birth is not None else None
        if age is None or not (t.age_min or 0) <= age <= (t.age_max or 200):
            raise RequirementsNotMetError(
                "Возраст игроков не подходит под требования турнира (укажите дату рождения)",
                requirement="AGE",
            )


async def decide(
    session: AsyncSession,
    actor: Principal,
    entry_id: uuid.UUID,
    approve: bool,
    reason: str | None,
    *,
    now: datetime,
) -> TournamentEntry:
    v = Validator()
    reason = v.text("reason", reason, max_len=500)
    v.raise_if_any()
    entry = await _entry(session, entry_id)
    t = await lock_managed(session, actor, entry.tournament_id)
    require_status(t, TournamentStatus.ANNOUNCED, TournamentStatus.REGISTRATION)
    entry = await _locked_pending(session, entry_id)
    if approve and await EntryRepository(session).count_approved(t.id) >= t.capacity:
        raise TournamentFullError()
    entry.status = EntryStatus.APPROVED if approve else EntryStatus.REJECTED
    entry.decided_by_id = actor.user_id
    entry.decision_reason = reason
    entry.decided_at = now
    if not approve:
        await fees.refund(session, t, entry, now, actor.user_id)
    await _decided(session, t, entry, actor.user_id, now)
    return entry


async def withdraw(
    session: AsyncSession, actor: Principal, entry_id: uuid.UUID, *, now: datetime
) -> TournamentEntry:
    """The team's captain takes a pending or approved entry back before the start."""
    entry = await _entry(session, entry_id)
    t = await TournamentRepository(session).get_for_update(entry.tournament_id)
    assert t is not None
    if not await teams.is_captain(session, actor.user_id, entry.team_id):
        raise AccessDeniedError("Заявку отзывает капитан команды")
    require_status(t, TournamentStatus.ANNOUNCED, TournamentStatus.REGISTRATION)
    entry = await EntryRepository(session).get_for_update(entry_id) or entry
    if entry.status not in (EntryStatus.PENDING, EntryStatus.APPROVED):
        raise ApplicationNotPendingError()
    entry.status = EntryStatus.WITHDRAWN
    entry.decided_at = now
    await fees.refund(session, t, entry, now, actor.user_id)
    await _decided(session, t, entry, actor.user_id, now)
    return entry


async def check_in(
    session: AsyncSession, actor: Principal, entry_id: uuid.UUID, *, now: datetime
) -> TournamentEntry:
    """The captain confirms the team will come (only where the organizer asks for it)."""
    entry = await _entry(session, entry_id)
    t = await TournamentRepository(session).get_for_update(entry.tournament_id)
    assert t is not None
    if not await teams.is_captain(session, actor.user_id, entry.team_id):
        raise AccessDeniedError("Отметиться может капитан команды")
    require_status(t, TournamentStatus.REGISTRATION)
    if entry.status != EntryStatus.APPROVED:
        raise ApplicationNotPendingError("Отметиться может только одобренная команда")
    if entry.checked_in_at is None:
        entry.checked_in_at = now
        touch(t, now)
        await session.flush()
    return entry


async def cancel_entries(
    session: AsyncSession, t: Tournament, actor_id: uuid.UUID, now: datetime
) -> None:
    """With a cancelled tournament every live entry closes and its fee is refunded."""
    for entry in await EntryRepository(session).of_tournaments(
        [t.id], (EntryStatus.PENDING, EntryStatus.APPROVED)
    ):
        await close_entry(session, t, entry, None, actor_id, now)


async def entered_rosters(
    session: AsyncSession, tournament_id: uuid.UUID, team_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The approved rosters of these teams in the tournament (the provider for
    ``app.matches.entries``: who may play in its matches)."""
    approved = await EntryRepository(session).of_tournaments(
        [tournament_id], [EntryStatus.APPROVED]
    )
    wanted = set(team_ids)
    return {e.team_id: list(e.roster_user_ids) for e in approved if e.team_id in wanted}


async def _entry(session: AsyncSession, entry_id: uuid.UUID) -> TournamentEntry:
    entry = await EntryRepository(session).get(entry_id)
    if entry is None:
        raise NotFoundError()
    return entry


async def _locked_pending(session: AsyncSession, entry_id: uuid.UUID) -> TournamentEntry:
    entry = await EntryRepository(session).get_for_update(entry_id)
    if entry is None:
        raise NotFoundError()
    if entry.status != EntryStatus.PENDING:
        raise ApplicationNotPendingError()
    return entry


async def close_entry(
    session: AsyncSession,
    t: Tournament,
    entry: TournamentEntry,
    reason: str | None,
    actor_id: uuid.UUID,
    now: datetime,
) -> None:
    """Close an entry that will not take part (the tournament's cancellation, or its start
    for an entry still pending or not checked in); the fee is refunded and the captain told
    why (``reason``, when it is not the tournament's own cancellation)."""
    entry.status = EntryStatus.CANCELLED
    entry.decision_reason = reason or entry.decision_reason
    entry.decided_at = now
    await fees.refund(session, t, entry, now, actor_id)
    await _decided(session, t, entry, actor_id, now)


async def _decided(
    session: AsyncSession, t: Tournament, entry: TournamentEntry, actor_id: uuid.UUID, now: datetime
) -> None:
    touch(t, now)
    await session.flush()
    event = TournamentApplicationDecided(
        tournament_id=t.id,
        entry_id=entry.id,
        team_id=entry.team_id,
        status=entry.status.value,
        entry_fee=t.entry_fee,
        reason=entry.decision_reason,
    )
    emit(session, event, actor_id=actor_id, occurred_at=now)
