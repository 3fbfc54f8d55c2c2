"""The ``chat`` worker: team chats, and the chats of the team's matches ahead, follow their
team's roster; match and tournament chats open with the match or tournament and close some
time after it is over.

Every roster event brings the chat's members up to date with the roster as it is when the
event is handled (not as the event describes it), so a late or repeated event can only make
the chat more correct, and a team that existed before its chat gets one at its next change.
Match and tournament chats work the same way: their members are read when the event is
handled. A finished match's or tournament's chat is given a closing time
(``ChatSettings.close_after_hours``) and the ``close_chats`` task makes it read-only then.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.chat import service
from app.chat.models import ChatKind
from app.db import Database
from app.events.worker import HandlerContext, TaskContext, Worker, every, in_batches
from app.matches import service as matches
from app.matches.events import MatchCancelled, MatchConfirmed, MatchScheduled
from app.teams import service as teams
from app.teams.events import (
    TeamCaptainChanged,
    TeamCreated,
    TeamDisbanded,
    TeamMemberJoined,
    TeamMemberLeft,
)
from app.teams.models import Team
from app.tournaments import staff as tournaments
from app.tournaments.events import (
    TournamentApplicationDecided,
    TournamentFinished,
    TournamentJudgesChanged,
    TournamentStarted,
    TournamentUpdated,
)

RosterEvent = TeamCreated | TeamMemberJoined | TeamMemberLeft | TeamCaptainChanged
ParticipantsEvent = TournamentApplicationDecided | TournamentStarted | TournamentJudgesChanged


async def follow_roster(ctx: HandlerContext, event: RosterEvent) -> None:
    """The team's chat, and the chats of its matches ahead, follow the roster."""
    ahead = await matches.ahead_of_team(ctx.session, event.team_id)
    sides = {event.team_id} | {t for match in ahead for t in match.team_ids()}
    rosters = await teams.member_ids(ctx.session, list(sides))
    names = await teams.teams_by_id(ctx.session, list(sides))
    await service.open_chat(
        ctx.session, ChatKind.TEAM, event.team_id, member_ids=rosters[event.team_id], now=ctx.now
    )
    for match in ahead:
        await _match_chat(ctx, match.id, (match.home_team_id, match.away_team_id), rosters, names)


async def close_team_chat(ctx: HandlerContext, event: TeamDisbanded) -> None:
    await service.open_chat(
        ctx.session, ChatKind.TEAM, event.team_id, member_ids=event.member_ids, now=ctx.now
    )
    await service.close_chat(ctx.session, ChatKind.TEAM, event.team_id, now=ctx.now)


async def open_match_chat(ctx: HandlerContext, event: MatchScheduled) -> None:
    sides = (event.home_team_id, event.away_team_id)
    rosters = await teams.member_ids(ctx.session, sides)
    names = await teams.teams_by_id(ctx.session, sides)
    await _match_chat(ctx, event.match_id, sides, rosters, names)


async def _match_chat(
    ctx: HandlerContext,
    match_id: uuid.UUID,
    sides: tuple[uuid.UUID, uuid.UUID],
    rosters: Mapping[uuid.UUID, list[uuid.UUID]],
    names: Mapping[uuid.UUID, Team],
) -> None:
    """Both teams' current rosters talk over the coming match."""
    members = {u for team_id in sides for u in rosters[team_id]}
    title = " — ".join(names[t].name for t in sides if t in names)
    await service.open_chat(
        ctx.session, ChatKind.MATCH, match_id, member_ids=members, now=ctx.now, title=title
    )


async def close_match_chat(ctx: HandlerContext, event: MatchConfirmed | MatchCancelled) -> None:
    await service.close_chat_later(ctx.session, ChatKind.MATCH, event.match_id, at=_later(ctx))


async def follow_participants(ctx: HandlerContext, event: ParticipantsEvent) -> None:
    found = await tournaments.chat_member_ids(ctx.session, event.tournament_id)
    if found is not None:
        name, members = found
        await service.open_chat(
            ctx.session,
            ChatKind.TOURNAMENT,
            event.tournament_id,
            member_ids=members,
            now=ctx.now,
            title=name,
        )


async def close_tournament_chat(
    ctx: HandlerContext, event: TournamentFinished | TournamentUpdated
) -> None:
    if isinstance(event, TournamentFinished) or event.status == "CANCELLED":
        at = _later(ctx)
        await service.close_chat_later(ctx.session, ChatKind.TOURNAMENT, event.tournament_id, at=at)


def _later(ctx: HandlerContext) -> datetime:
    return ctx.now + timedelta(hours=ctx.services.settings.chat.close_after_hours)


async def close_due_chats(db: Database, *, now: datetime, batch: int) -> int:
    """Close every chat whose time has come, a batch per transaction; returns how many."""

    async def step(session: AsyncSession, limit: int) -> int:
        return await service.close_due_chats(session, now=now, limit=limit)

    return await in_batches(db, batch, step)


async def close_chats(ctx: TaskContext) -> None:
    """Every interval, close the chats of matches and tournaments long over; returns once
    ``stop`` is set."""
    settings = ctx.settings.chat
    await every(
        ctx,
        settings.close_interval_s,
        lambda: close_due_chats(ctx.db, now=ctx.clock.now(), batch=settings.close_batch),
    )


WORKER = Worker(
    "chat",
    {
        TeamCreated: [follow_roster],
        TeamMemberJoined: [follow_roster],
        TeamMemberLeft: [follow_roster],
        TeamCaptainChanged: [follow_roster],
        TeamDisbanded: [close_team_chat],
        MatchScheduled: [open_match_chat],
        MatchConfirmed: [close_match_chat],
        MatchCancelled: [close_match_chat],
        TournamentApplicationDecided: [follow_participants],
        TournamentStarted: [follow_participants],
        TournamentJudgesChanged: [follow_participants],
        TournamentFinished: [close_tournament_chat],
        TournamentUpdated: [close_tournament_chat],
    },
    tasks=[close_chats],
)
