"""Tournaments: reads, creation, settings and the lifecycle.

DRAFT -> ANNOUNCED -> REGISTRATION -> IN_PROGRESS -> FINISHED, plus SUSPENDED (and back) and
CANCELLED. The organizer (or staff) moves the tournament; settings change only before
registration opens. Registration lives in ``registration``, the bracket in ``advancement``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.auth.roles import Role
from app.errors import AccessDeniedError, NotFoundError
from app.events import emit
from app.pagination import Page, PageRequest
from app.sports import service as sports
from app.teams import slugs
from app.tournaments import views
from app.tournaments.errors import TournamentStateError
from app.tournaments.events import TournamentCreated, TournamentUpdated
from app.tournaments.models import EntryStatus, Tournament, TournamentStatus
from app.tournaments.repository import (
    PUBLIC,
    EntryRepository,
    SlotRepository,
    TournamentFilter,
    TournamentRepository,
)
from app.tournaments.settings import TournamentFields, validate_fields

EDITABLE = (TournamentStatus.DRAFT, TournamentStatus.ANNOUNCED)
MOVES: dict[str, tuple[tuple[TournamentStatus, ...], TournamentStatus]] = {
    "announce": ((TournamentStatus.DRAFT,), TournamentStatus.ANNOUNCED),
    # A tournament is announced before it takes entries: teams see it coming first.
    "open_registration": ((TournamentStatus.ANNOUNCED,), TournamentStatus.REGISTRATION),
    "suspend": ((TournamentStatus.IN_PROGRESS,), TournamentStatus.SUSPENDED),
}


@dataclass(frozen=True, slots=True)
class ListFilter:
    sport_id: uuid.UUID | None = None
    statuses: Sequence[TournamentStatus] = field(default_factory=tuple)
    city: str | None = None
    starts_from: datetime | None = None
    starts_to: datetime | None = None
    search: str | None = None


def visible_to_all(t: Tournament) -> bool:
    """Past its draft: every signed-in user sees it."""
    return t.status in PUBLIC


def may_see(viewer: Principal, t: Tournament) -> bool:
    return visible_to_all(t) or t.organizer_id == viewer.user_id or viewer.is_staff


def may_manage(actor: Principal, t: Tournament) -> bool:
    return t.organizer_id == actor.user_id or actor.is_staff


async def get_tournament(
    session: AsyncSession, viewer: Principal, tournament_id: uuid.UUID
) -> Tournament | None:
    t = await TournamentRepository(session).get(tournament_id)
    return t if t is not None and may_see(viewer, t) else None


async def get_tournament_by_slug(
    session: AsyncSession, viewer: Principal, slug: str
) -> Tournament | None:
    t = await TournamentRepository(session).get_by_slug(slug.strip().lower())
    return t if t is not None and may_see(viewer, t) else None


async def tournaments_by_id(
    session: AsyncSession, tournament_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, Tournament]:
    return {t.id: t for t in await TournamentRepository(session).get_many(tournament_ids)}


async def list_tournaments(
    session: AsyncSession, viewer: Principal, where: ListFilter, page: PageRequest
) -> Page[Tournament]:
    """Public tournaments (and the viewer's own drafts), soonest first; a sport also finds
    its sub-disciplines'."""
    sport_ids = await sports.discipline_ids(session, where.sport_id) if where.sport_id else None
    found = TournamentFilter(
        viewer_id=viewer.user_id,
        sport_ids=sport_ids,
        statuses=list(where.statuses) or None,
        city=(where.city or "").strip() or None,
        starts_from=where.starts_from,
        starts_to=where.starts_to,
        search=(where.search or "").strip() or None,
    )
    return await TournamentRepository(session).page(found, page)


async def bracket_and_tables(
    session: AsyncSession, t: Tournament
) -> tuple[list[views.RoundView], list[views.TableView]]:
    """What the ``bracket`` and ``standings`` fields show, for a tournament the caller sees."""
    entries = await EntryRepository(session).of_tournaments([t.id], list(EntryStatus))
    order = [e.team_id for e in entries if e.seed is not None]
    if not order:
        return [], []
    rows = await SlotRepository(session).of_tournaments([t.id])
    return views.bracket(t, order, rows), views.tables(t, order, rows)


async def lock_managed(
    session: AsyncSession, actor: Principal, tournament_id: uuid.UUID
) -> Tournament:
    """The tournament locked for this transaction, if the actor organizes it (or is staff)."""
    t = await TournamentRepository(session).get_for_update(tournament_id)
    if t is None or not may_see(actor, t):
        raise NotFoundError()
    if not may_manage(actor, t):
        raise AccessDeniedError("Это может сделать только организатор турнира")
    return t


def require_status(t: Tournament, *allowed: TournamentStatus) -> None:
    if t.status not in allowed:
        raise TournamentStateError(status=t.status.value)


def touch(t: Tournament, now: datetime) -> None:
    t.version += 1
    t.updated_at = now


def emit_updated(
    session: AsyncSession,
    t: Tournament,
    actor_id: uuid.UUID | None,
    now: datetime,
    changed: Sequence[str] = (),
) -> None:
    event = TournamentUpdated(
        tournament_id=t.id, status=t.status.value, changed_fields=list(changed)
    )
    emit(session, event, actor_id=actor_id, occurred_at=now)


async def create_tournament(
    session: AsyncSession, actor: Principal, fields: TournamentFields, *, now: datetime
) -> Tournament:
    if not actor.has_any_role(Role.ORGANIZER) and not actor.is_staff:
        raise AccessDeniedError("Турниры создают организаторы")
    values = await validate_fields(session, fields, now=now, current=None)
    repo = TournamentRepository(session)
    t = Tournament(
        **values,
        slug=await _unique_slug(repo, str(values["name"])),
        organizer_id=actor.user_id,
        created_at=now,
        updated_at=now,
    )
    await repo.add(t)
    event = TournamentCreated(
        tournament_id=t.id,
        organizer_id=actor.user_id,
        sport_id=t.sport_id,
        name=t.name,
        slug=t.slug,
        format=t.format.value,
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return t


async def update_tournament(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    fields: TournamentFields,
    *,
    now: datetime,
) -> Tournament:
    """Settings change while the tournament is a draft or only announced."""
    t = await lock_managed(session, actor, tournament_id)
    require_status(t, *EDITABLE)
    values = await validate_fields(session, fields, now=now, current=t)
    changed = [name for name, value in values.items() if getattr(t, name) != value]
    for name in changed:
        setattr(t, name, values[name])
    if changed:
        touch(t, now)
        await session.flush()
        emit_updated(session, t, actor.user_id, now, changed)
    return t


async def move(
    session: AsyncSession, actor: Principal, tournament_id: uuid.UUID, verb: str, *, now: datetime
) -> Tournament:
    """announce, open_registration, suspend, resume: a plain status change."""
    allowed, target = MOVES[verb]
    t = await lock_managed(session, actor, tournament_id)
    require_status(t, *allowed)
    t.status = target
    t.suspended_at = now if target == TournamentStatus.SUSPENDED else None
    touch(t, now)
    await session.flush()
    emit_updated(session, t, actor.user_id, now, ["status"])
    return t


async def close_registration(
    session: AsyncSession, actor: Principal, tournament_id: uuid.UUID, *, now: datetime
) -> Tournament:
    """Stops new applications before the registration window ends (the status stays
    REGISTRATION until the start; decisions on pending applications may continue)."""
    t = await lock_managed(session, actor, tournament_id)
    require_status(t, TournamentStatus.REGISTRATION)
    if t.registration_closes_at > now:
        t.registration_closes_at = now
        touch(t, now)
        await session.flush()
        emit_updated(session, t, actor.user_id, now, ["registrationClosesAt"])
    return t


async def _unique_slug(repo: TournamentRepository, name: str) -> str:
    base = slugs.slug_base(name)
    await repo.lock_name(f"tournaments.slug:{base}")
    return slugs.pick_unique(base, await repo.slugs_like(base))
