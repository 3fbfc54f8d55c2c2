"""Reports and moderation: the owner files or is the subject of reports; staff resolve them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.models import ModerationLogEntry, UserReport
from app.users.models import User
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_user, create_user_report

STAFF_ONLY = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: Outcome.ALLOWED,
}


async def someone(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"v": {"userId": str((await create_user(session)).id), "category": "SPAM"}}


async def report_by_owner(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    report = await create_user_report(
        session, reporter=cast.owner, reported=await create_user(session)
    )
    return {"v": {"reportId": str(report.id), "action": "TEMP_BAN", "banDays": 2}}


async def moderation_state(session: AsyncSession, cast: Cast) -> object:
    reports = (await session.execute(select(UserReport.id, UserReport.status))).all()
    log = (await session.execute(select(ModerationLogEntry.id))).all()
    bans = (await session.execute(select(User.id, User.banned_until))).all()
    return sorted(map(str, reports)), sorted(map(str, log)), sorted(map(str, bans))


CASES = [
    Case(
        "Query.userReports",
        "query { userReports { nodes { id } } }",
        STAFF_ONLY,
    ),
    Case(
        "Query.moderationLog",
        "query { moderationLog { nodes { id } } }",
        STAFF_ONLY,
    ),
    Case(
        "Mutation.reportUser",
        "mutation($v: ReportUserInput!) { reportUser(input: $v) { __typename } }",
        everyone_signed_in(),
        arrange=someone,
        snapshot=moderation_state,
    ),
    Case(
        "Mutation.resolveUserReport",
        "mutation($v: ResolveUserReportInput!) { resolveUserReport(input: $v) { __typename } }",
        STAFF_ONLY,
        arrange=report_by_owner,
        snapshot=moderation_state,
    ),
]
