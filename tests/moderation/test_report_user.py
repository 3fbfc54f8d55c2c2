"""reportUser: anyone signed in may report someone else, once at a time."""

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.moderation.models import ReportCategory, UserReport
from tests.factories import create_user, create_user_report
from tests.fixtures.app import GQL
from tests.moderation.helpers import moderation_events, snapshot

REPORT = """
mutation($input: ReportUserInput!) {
  reportUser(input: $input) {
    __typename
    ... on ReportUserPayload { report { status category evidenceUrls } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""


def report(user: Any, **fields: Any) -> dict[str, Any]:
    return {"input": {"userId": str(user.id), "category": "ABUSE", **fields}}


async def test_a_report_is_filed(gql: GQL, session: AsyncSession) -> None:
    reporter, offender = await create_user(session), await create_user(session)

    response = await gql(
        REPORT,
        report(offender, description="Мат в чате", evidenceUrls=["https://img.test/1.png"]),
        as_user=reporter,
    )

    assert response.data["reportUser"] == {
        "__typename": "ReportUserPayload",
        "report": {
            "status": "PENDING",
            "category": "ABUSE",
            "evidenceUrls": ["https://img.test/1.png"],
        },
    }
    stored = await session.scalar(select(UserReport))
    assert stored is not None
    assert (stored.reporter_id, stored.reported_user_id) == (reporter.id, offender.id)
    assert stored.category is ReportCategory.ABUSE
    assert await moderation_events(session) == ["moderation.user_reported"]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("self", "CannotReportSelf"),
        ("again", "ReportAlreadyPending"),
        ("bad_evidence", "ValidationFailed"),
        ("other_without_description", "ValidationFailed"),
    ],
)
async def test_reports_that_are_refused(
    gql: GQL, session: AsyncSession, case: str, expected: str
) -> None:
    reporter, offender = await create_user(session), await create_user(session)
    variables = report(offender)
    if case == "self":
        variables = report(reporter)
    elif case == "again":
        await create_user_report(session, reporter=reporter, reported=offender)
    elif case == "bad_evidence":
        variables = report(offender, evidenceUrls=["javascript:alert(1)"])
    else:
        variables = report(offender, category="OTHER")
    before = await snapshot(session)

    response = await gql(REPORT, variables, as_user=reporter)

    assert response.data["reportUser"]["__typename"] == expected
    assert await snapshot(session) == before
