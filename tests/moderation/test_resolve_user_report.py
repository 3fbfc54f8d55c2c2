"""resolveUserReport: the sanction, the audit trail, and bans that end by themselves."""

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.moderation.models import ModerationAction, ModerationLogEntry, ReportStatus, UserReport
from app.users.models import User
from app.users.service import PERMANENT_BAN
from tests.factories import create_user, create_user_report
from tests.fixtures.app import GQL, TestClock
from tests.moderation.helpers import moderation_events, snapshot

RESOLVE = """
mutation($input: ResolveUserReportInput!) {
  resolveUserReport(input: $input) {
    __typename
    ... on ResolveUserReportPayload { report { status action resolver { id } } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""
ME = "query { me { id } }"
LOG = """
query($userId: ID) {
  moderationLog(userId: $userId) {
    nodes { action banDays note moderator { id } targetUser { id } }
  }
}
"""
QUEUE = "query { userReports(status: PENDING) { nodes { id reporter { id } } } }"


def resolve(report: UserReport, action: str, **fields: Any) -> dict[str, Any]:
    return {"input": {"reportId": str(report.id), "action": action, **fields}}


async def arrange(session: AsyncSession) -> tuple[User, User, UserReport]:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    offender = await create_user(session)
    report = await create_user_report(
        session, reporter=await create_user(session), reported=offender
    )
    return moderator, offender, report


async def test_a_temporary_ban_refuses_the_next_request_and_ends_by_itself(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    moderator, offender, report = await arrange(session)
    assert (await gql(ME, as_user=offender)).errors is None

    response = await gql(
        RESOLVE, resolve(report, "TEMP_BAN", banDays=3, note="Оскорбления"), as_user=moderator
    )

    assert response.data["resolveUserReport"]["report"] == {
        "status": "RESOLVED",
        "action": "TEMP_BAN",
        "resolver": {"id": str(moderator.id)},
    }
    banned = await session.get(User, offender.id)
    assert banned is not None
    assert banned.banned_until == clock.now() + timedelta(days=3)
    refused = await gql(ME, as_user=offender)
    assert (refused.status_code, refused.error_codes) == (403, ["FORBIDDEN"])
    assert await moderation_events(session) == [
        "moderation.user_banned",
        "moderation.report_resolved",
    ]
    clock.advance(timedelta(days=3, seconds=1))
    assert (await gql(ME, as_user=offender)).errors is None


@pytest.mark.parametrize(
    ("action", "fields", "events"),
    [
        ("PERM_BAN", {}, ["moderation.user_banned", "moderation.report_resolved"]),
        ("WARN", {"note": "Последнее предупреждение"}, ["moderation.user_warned"]),
        ("NO_ACTION", {}, []),
    ],
)
async def test_other_actions(
    gql: GQL,
    session: AsyncSession,
    action: str,
    fields: dict[str, Any],
    events: list[str],
) -> None:
    moderator, offender, report = await arrange(session)

    response = await gql(RESOLVE, resolve(report, action, **fields), as_user=moderator)

    assert response.data["resolveUserReport"]["report"]["action"] == action
    stored = await session.get(User, offender.id)
    assert stored is not None
    assert stored.banned_until == (PERMANENT_BAN if action == "PERM_BAN" else None)
    expected = events if action == "PERM_BAN" else [*events, "moderation.report_resolved"]
    assert await moderation_events(session) == expected
    [entry] = (await session.scalars(select(ModerationLogEntry))).all()
    assert (entry.action, entry.moderator_id) == (ModerationAction(action), moderator.id)


async def test_the_audit_trail_and_queue_for_staff(gql: GQL, session: AsyncSession) -> None:
    moderator, offender, report = await arrange(session)
    queue = await gql(QUEUE, as_user=moderator)
    await gql(RESOLVE, resolve(report, "TEMP_BAN", banDays=1, note="спам"), as_user=moderator)

    log = await gql(LOG, {"userId": str(offender.id)}, as_user=moderator)

    assert [n["id"] for n in queue.data["userReports"]["nodes"]] == [str(report.id)]
    assert log.data["moderationLog"]["nodes"] == [
        {
            "action": "TEMP_BAN",
            "banDays": 1,
            "note": "спам",
            "moderator": {"id": str(moderator.id)},
            "targetUser": {"id": str(offender.id)},
        }
    ]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("resolved", "UserReportAlreadyResolved"),
        ("staff_target", "CannotSanctionStaff"),
        ("no_days", "ValidationFailed"),
        ("too_many_days", "ValidationFailed"),
        ("missing", "NotFound"),
    ],
)
async def test_resolutions_that_are_refused(
    gql: GQL, session: AsyncSession, case: str, expected: str
) -> None:
    moderator, offender, report = await arrange(session)
    variables = resolve(report, "TEMP_BAN", banDays=7)
    if case == "resolved":
        report.status = ReportStatus.RESOLVED
    elif case == "staff_target":
        offender.roles = [Role.MODERATOR]
    elif case == "no_days":
        variables = resolve(report, "TEMP_BAN")
    elif case == "too_many_days":
        variables = resolve(report, "TEMP_BAN", banDays=366)
    else:
        variables["input"]["reportId"] = "00000000-0000-4000-8000-000000000000"
    await session.flush()
    before = await snapshot(session)

    response = await gql(RESOLVE, variables, as_user=moderator)

    assert response.data["resolveUserReport"]["__typename"] == expected
    assert await snapshot(session) == before


async def test_an_administrator_may_ban_a_moderator(gql: GQL, session: AsyncSession) -> None:
    admin = await create_user(session, roles=[Role.ADMINISTRATOR])
    rogue = await create_user(session, roles=[Role.MODERATOR])
    report = await create_user_report(session, reporter=await create_user(session), reported=rogue)

    response = await gql(RESOLVE, resolve(report, "PERM_BAN"), as_user=admin)

    assert response.data["resolveUserReport"]["report"]["action"] == "PERM_BAN"


async def test_players_cannot_resolve_reports(gql: GQL, session: AsyncSession) -> None:
    """IDOR: even the reporter cannot resolve their own report about someone."""
    _, _, report = await arrange(session)
    reporter = await session.get(User, report.reporter_id)
    before = await snapshot(session)

    response = await gql(RESOLVE, resolve(report, "PERM_BAN"), as_user=reporter)

    assert response.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before
