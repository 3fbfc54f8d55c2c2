"""Judges and announcements of a tournament (the organizer's or staff's to manage)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import NotFoundError
from app.events import emit
from app.tournaments.errors import JudgeAlreadyAssignedError, TournamentStateError
from app.tournaments.events import TournamentAnnouncementPosted, TournamentJudgesChanged
from app.tournaments.models import (
    EntryStatus,
    Tournament,
    TournamentAnnouncement,
    TournamentJudge,
    TournamentStatus,
)
from app.tournaments.repository import (
    AnnouncementRepository,
    EntryRepository,
    JudgeRepository,
    TournamentRepository,
)
from app.tournaments.service import lock_managed, touch
from app.users import service as users
from app.validation import Validator

CLOSED = (TournamentStatus.FINISHED, TournamentStatus.CANCELLED)


async def judge_ids(
    session: AsyncSession, tournament_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """Judges by tournament (the provider for ``app.matches.judges``)."""
    found: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for judge in await JudgeRepository(session).of_tournaments(tournament_ids):
        found[judge.tournament_id].append(judge.user_id)
    return dict(found)


async def chat_member_ids(
    session: AsyncSession, tournament_id: uuid.UUID
) -> tuple[str, list[uuid.UUID]] | None:
    """The tournament's name and who talks in its chat: the organizer, the judges and the
    players of the approved teams' rosters; ``None`` for no such tournament."""
    t = await TournamentRepository(session).get(tournament_id)
    if t is None:
        return None
    approved = await EntryRepository(session).of_tournaments([t.id], [EntryStatus.APPROVED])
    judges = await JudgeRepository(session).of_tournaments([t.id])
    people = {t.organizer_id, *(j.user_id for j in judges)}
    people.update(user_id for entry in approved for user_id in entry.roster_user_ids)
    return t.name, sorted(people)


async def assign_judge(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime,
) -> Tournament:
    t = await lock_managed(session, actor, tournament_id)
    _require_open(t)
    if user_id not in await users.users_by_id(session, [user_id]):
        raise NotFoundError("Пользователь не найден")
    if user_id in (await judge_ids(session, [t.id])).get(t.id, []):
        raise JudgeAlreadyAssignedError()
    try:
        async with session.begin_nested():
            await JudgeRepository(session).add(
                TournamentJudge(
                    tournament_id=t.id,
                    user_id=user_id,
                    assigned_by_id=actor.user_id,
                    assigned_at=now,
                )
            )
    except IntegrityError:
        raise JudgeAlreadyAssignedError() from None
    await _judges_changed(session, t, actor.user_id, now)
    return t


async def remove_judge(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    user_id: uuid.UUID,
    *,
    now: datetime,
) -> Tournament:
    t = await lock_managed(session, actor, tournament_id)
    _require_open(t)
    if not await JudgeRepository(session).remove(t.id, user_id):
        raise NotFoundError("Этот пользователь не судья турнира")
    await _judges_changed(session, t, actor.user_id, now)
    return t


def _require_open(t: Tournament) -> None:
    if t.status in CLOSED:
        raise TournamentStateError(status=t.status.value)


async def _judges_changed(
    session: AsyncSession, t: Tournament, actor_id: uuid.UUID, now: datetime
) -> None:
    touch(t, now)
    await session.flush()
    ids = (await judge_ids(session, [t.id])).get(t.id, [])
    event = TournamentJudgesChanged(tournament_id=t.id, judge_ids=ids)
    emit(session, event, actor_id=actor_id, occurred_at=now)


async def post_announcement(
    session: AsyncSession,
    actor: Principal,
    tournament_id: uuid.UUID,
    body: str,
    *,
    now: datetime,
) -> TournamentAnnouncement:
    """To everyone following the tournament; the event names the participating teams so
    notifications can reach their members."""
    v = Validator()
    text = v.text("body", body, min_len=1, max_len=2000, required=True)
    v.raise_if_any()
    t = await lock_managed(session, actor, tournament_id)
    announcement = await AnnouncementRepository(session).add(
        TournamentAnnouncement(
            tournament_id=t.id, author_id=actor.user_id, body=text or "", created_at=now
        )
    )
    entries = await EntryRepository(session).of_tournaments(
        [t.id], (EntryStatus.PENDING, EntryStatus.APPROVED)
    )
    touch(t, now)
    event = TournamentAnnouncementPosted(
        tournament_id=t.id,
        announcement_id=announcement.id,
        author_id=actor.user_id,
        participant_team_ids=[e.team_id for e in entries],
    )
    emit(session, event, actor_id=actor.user_id, occurred_at=now)
    return announcement


async def announcement(
    session: AsyncSession, announcement_id: uuid.UUID
) -> TournamentAnnouncement | None:
    """For work done on nobody's behalf (notifications)."""
    return await AnnouncementRepository(session).get(announcement_id)


async def announcements(
    session: AsyncSession, tournament_ids: Sequence[uuid.UUID], limit: int = 20
) -> list[TournamentAnnouncement]:
    return await AnnouncementRepository(session).of_tournaments(tournament_ids, limit)
