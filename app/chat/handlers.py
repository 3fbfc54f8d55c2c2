"""The ``chat`` worker: team chats follow their team's roster.

Every roster event brings the chat's members up to date with the roster as it is when the
event is handled (not as the event describes it), so a late or repeated event can only make
the chat more correct, and a team that existed before its chat gets one at its next change.
"""

from __future__ import annotations

from app.chat import service
from app.chat.models import ChatKind
from app.events.worker import HandlerContext, Worker
from app.teams import service as teams
from app.teams.events import (
    TeamCaptainChanged,
    TeamCreated,
    TeamDisbanded,
    TeamMemberJoined,
    TeamMemberLeft,
)

RosterEvent = TeamCreated | TeamMemberJoined | TeamMemberLeft | TeamCaptainChanged


async def follow_roster(ctx: HandlerContext, event: RosterEvent) -> None:
    roster = await teams.member_ids(ctx.session, event.team_id)
    await service.open_chat(
        ctx.session, ChatKind.TEAM, event.team_id, member_ids=roster, now=ctx.now
    )


async def close_team_chat(ctx: HandlerContext, event: TeamDisbanded) -> None:
    await service.open_chat(
        ctx.session, ChatKind.TEAM, event.team_id, member_ids=event.member_ids, now=ctx.now
    )
    await service.close_chat(ctx.session, ChatKind.TEAM, event.team_id, now=ctx.now)


WORKER = Worker(
    "chat",
    {
        TeamCreated: [follow_roster],
        TeamMemberJoined: [follow_roster],
        TeamMemberLeft: [follow_roster],
        TeamCaptainChanged: [follow_roster],
        TeamDisbanded: [close_team_chat],
    },
)
