"""The condition-report triage fills the report asynchronously, in the ``ai`` worker."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall
from app.auth.dev_issuer import DevIssuer
from app.auth.roles import Role
from app.db import Database
from app.main import create_app
from app.playgrounds.models import ConditionReport
from app.playgrounds.values import ConditionCategory, Severity
from app.settings import Settings
from tests.ai.conftest import ai_settings
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.events.support import event_settings
from tests.factories import create_playground, create_user
from tests.fixtures.app import TestClock, make_container, token_for
from tests.fixtures.configured import configured_settings
from tests.notifications.support import eventually

REPORT = """
mutation($input: ReportPlaygroundConditionInput!) {
  reportPlaygroundCondition(input: $input) { __typename }
}
"""
TRIAGE = {"severity": "HIGH", "summary": "Сломан турник", "suggested_action": "Оградить"}


async def test_a_new_report_is_triaged_by_the_worker(
    committed_database: Database,
    settings: Settings,
    dev_issuer: DevIssuer,
    clock: TestClock,
    gemini: tuple[FakeGemini, str],
) -> None:
    fake, address = gemini
    fake.reply(answer_json(TRIAGE))
    config = configured_settings(event_settings(settings, None), ai=ai_settings(address))
    container = make_container(config, committed_database, dev_issuer, clock)
    async with committed_database.transaction() as session:
        reporter = await create_user(session)
        playground = await create_playground(session, name="Двор на Ленина")
    await container.events.start(relay=True, workers=True, hub=False)
    try:
        transport = httpx.ASGITransport(app=create_app(container=container))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            body = {
                "query": REPORT,
                "variables": {
                    "input": {
                        "playgroundId": str(playground.id),
                        "category": "BROKEN_EQUIPMENT",
                        "comment": "Турник сломан, торчит железо",
                    }
                },
            }
            headers = {"Authorization": f"Bearer {token_for(dev_issuer, reporter)}"}
            response = await client.post("/graphql", json=body, headers=headers)
        assert response.json()["data"]["reportPlaygroundCondition"]["__typename"].endswith(
            "Payload"
        )

        async def triaged() -> ConditionReport | None:
            async with committed_database.session() as session:
                report = await session.scalar(select(ConditionReport))
            return report if report is not None and report.severity is not None else None

        report = await eventually(triaged)
    finally:
        await container.events.stop()
    assert (report.severity, report.summary) == (Severity.HIGH, "Сломан турник")
    [sent] = fake.calls()
    assert "Турник сломан, торчит железо" in sent.text
    assert "Двор на Ленина" in sent.text
    async with committed_database.session() as session:
        audit = (await session.scalars(select(AiCall))).one()
    assert (audit.user_id, audit.flow) == (None, "triageConditionReport")


async def test_a_moderator_can_run_the_triage_again(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    moderator = await create_user(session, roles=[Role.PLAYER, Role.MODERATOR])
    playground = await create_playground(session)
    report = ConditionReport(
        playground_id=playground.id,
        reporter_id=moderator.id,
        category=ConditionCategory.LITTER,
        comment="Мусор у входа на площадку",
    )
    session.add(report)
    fake.reply(answer_json({**TRIAGE, "severity": "LOW", "summary": "Мусор"}))
    await session.flush()

    response = await ai_gql(
        "mutation($input: TriageConditionReportInput!) { triageConditionReport(input: $input) "
        "{ __typename ... on TriageConditionReportPayload { output { severity summary } } } }",
        {"input": {"reportId": str(report.id)}},
        as_user=moderator,
    )

    assert response.data["triageConditionReport"]["output"] == {
        "severity": "LOW",
        "summary": "Мусор",
    }
    stored = await session.get_one(ConditionReport, report.id)
    assert (stored.severity, stored.summary) == (Severity.LOW, "Мусор")
