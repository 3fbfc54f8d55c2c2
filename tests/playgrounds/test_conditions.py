"""reportPlaygroundCondition, resolveConditionReport, conditionReports and the condition."""

from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.playgrounds.models import ConditionReport, PlaygroundStatus, ReportStatus
from app.playgrounds.values import Severity
from tests.factories import create_playground, create_user
from tests.fixtures.app import GQL, TestClock
from tests.playgrounds.helpers import events, fresh, snapshot

REPORT = """
mutation Report($input: ReportPlaygroundConditionInput!) {
  reportPlaygroundCondition(input: $input) {
    __typename
    ... on ReportPlaygroundConditionPayload { report { id category comment status } }
    ... on ValidationFailed { fields { path code } }
    ... on UserError { code }
  }
}
"""

RESOLVE = """
mutation Resolve($input: ResolveConditionReportInput!) {
  resolveConditionReport(input: $input) {
    __typename
    ... on ResolveConditionReportPayload { report { status resolution resolvedAt } }
    ... on UserError { code }
  }
}
"""

CONDITION = """
query Condition($id: ID!) {
  playground(id: $id) {
    condition { id category comment severity summary reporter { id } }
  }
}
"""

REPORTS = """
query Reports($status: ConditionReportStatus, $playgroundId: ID) {
  conditionReports(status: $status, playgroundId: $playgroundId) { nodes { comment status } }
}
"""


def report(playground: object, category: str, comment: str) -> dict[str, object]:
    return {
        "input": {"playgroundId": str(playground.id), "category": category, "comment": comment}  # type: ignore[attr-defined]
    }


async def test_the_newest_open_report_is_the_condition(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    playground = await create_playground(session)
    reporter, viewer = await create_user(session), await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])

    older = await gql(
        REPORT, report(playground, "LITTER", "Много мусора у скамеек"), as_user=reporter
    )
    clock.advance(timedelta(hours=1))
    newer = await gql(
        REPORT,
        report(playground, "BROKEN_EQUIPMENT", "Сломано баскетбольное кольцо"),
        as_user=reporter,
    )
    newer_id = newer.data["reportPlaygroundCondition"]["report"]["id"]
    seen_by_viewer = await gql(CONDITION, {"id": str(playground.id)}, as_user=viewer)
    seen_by_reporter = await gql(CONDITION, {"id": str(playground.id)}, as_user=reporter)
    resolved = await gql(
        RESOLVE,
        {"input": {"reportId": newer_id, "resolution": "Кольцо заменили"}},
        as_user=moderator,
    )
    after = await gql(CONDITION, {"id": str(playground.id)}, as_user=viewer)

    assert seen_by_viewer.data["playground"]["condition"] == {
        "id": newer_id,
        "category": "BROKEN_EQUIPMENT",
        "comment": "Сломано баскетбольное кольцо",
        "severity": None,
        "summary": None,
        "reporter": None,
    }
    assert seen_by_reporter.data["playground"]["condition"]["reporter"] == {"id": str(reporter.id)}
    assert resolved.data["resolveConditionReport"]["report"]["status"] == "RESOLVED"
    older_id = older.data["reportPlaygroundCondition"]["report"]["id"]
    assert after.data["playground"]["condition"]["id"] == older_id
    stored = await fresh(session, ConditionReport, newer_id)
    assert (stored.status, stored.resolved_by_id, stored.resolution) == (
        ReportStatus.RESOLVED,
        moderator.id,
        "Кольцо заменили",
    )
    assert [e.type for e in await events(session)] == [
        "playground.condition_reported",
        "playground.condition_reported",
        "playground.condition_resolved",
    ]
    assert (await events(session))[1].payload["category"] == "BROKEN_EQUIPMENT"


async def test_the_ai_triage_fields_are_shown_once_filled(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session)
    user = await create_user(session)
    await gql(
        REPORT, report(playground, "NO_LIGHTING", "Фонари не горят третий день"), as_user=user
    )
    await session.execute(
        update(ConditionReport).values(severity=Severity.HIGH, summary="Нет освещения")
    )

    response = await gql(CONDITION, {"id": str(playground.id)}, as_user=user)

    condition = response.data["playground"]["condition"]
    assert (condition["severity"], condition["summary"]) == ("HIGH", "Нет освещения")


async def test_reports_need_a_comment_and_an_approved_playground(
    gql: GQL, session: AsyncSession
) -> None:
    proposer = await create_user(session)
    pending = await create_playground(session, proposer=proposer, status=PlaygroundStatus.PENDING)
    approved = await create_playground(session)
    before = await snapshot(session)

    short = await gql(REPORT, report(approved, "OTHER", "Плохо"), as_user=proposer)
    not_approved = await gql(
        REPORT, report(pending, "OTHER", "Здесь всё разрушено"), as_user=proposer
    )

    assert short.data["reportPlaygroundCondition"]["fields"] == [
        {"path": "comment", "code": "TOO_SHORT"}
    ]
    assert not_approved.data["reportPlaygroundCondition"]["__typename"] == "PlaygroundNotApproved"
    assert await snapshot(session) == before


async def test_only_moderators_resolve_and_only_once(gql: GQL, session: AsyncSession) -> None:
    playground = await create_playground(session)
    reporter = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    created = await gql(
        REPORT, report(playground, "SURFACE_DAMAGE", "Яма посреди площадки"), as_user=reporter
    )
    report_id = created.data["reportPlaygroundCondition"]["report"]["id"]
    resolve = {"input": {"reportId": report_id, "resolution": "Яму засыпали"}}
    before = await snapshot(session)

    by_reporter = await gql(RESOLVE, resolve, as_user=reporter)
    assert by_reporter.error_codes == ["FORBIDDEN"]
    assert await snapshot(session) == before
    first = await gql(RESOLVE, resolve, as_user=moderator)
    resolved = await snapshot(session)
    second = await gql(RESOLVE, resolve, as_user=moderator)

    assert first.data["resolveConditionReport"]["__typename"] == "ResolveConditionReportPayload"
    assert second.data["resolveConditionReport"] == {
        "__typename": "ReportAlreadyResolved",
        "code": "REPORT_ALREADY_RESOLVED",
    }
    assert await snapshot(session) == resolved


async def test_moderators_list_reports_oldest_first(
    gql: GQL, session: AsyncSession, clock: TestClock
) -> None:
    first, second = await create_playground(session), await create_playground(session)
    user = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    for playground, text in ((first, "Первое сообщение"), (second, "Второе сообщение")):
        await gql(REPORT, report(playground, "OTHER", text), as_user=user)
        clock.advance(timedelta(minutes=1))

    everything = await gql(REPORTS, {}, as_user=moderator)
    of_second = await gql(REPORTS, {"playgroundId": str(second.id)}, as_user=moderator)
    by_player = await gql(REPORTS, {}, as_user=user)

    assert [n["comment"] for n in everything.data["conditionReports"]["nodes"]] == [
        "Первое сообщение",
        "Второе сообщение",
    ]
    assert [n["comment"] for n in of_second.data["conditionReports"]["nodes"]] == [
        "Второе сообщение"
    ]
    assert by_player.error_codes == ["FORBIDDEN"]
