"""askTeamAssistant streams the text as it is generated, over a WebSocket, with tools."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall, CallOutcome
from app.sports.models import Sport
from tests.ai.fake_gemini import FakeGemini, answer_call, answer_stream
from tests.ai.test_team_flows import function_responses
from tests.factories import create_match, create_team, create_user
from tests.fixtures.app import TestClock, token_for
from tests.fixtures.ws import connect_in_process

ASK = """
subscription($input: AskTeamAssistantInput!) {
  askTeamAssistant(input: $input) {
    __typename ... on AiTextChunk { text done } ... on UserError { code }
  }
}
"""


async def test_the_answer_arrives_in_parts(
    configure: Any, gemini: tuple[FakeGemini, str], session: AsyncSession, dev_issuer: Any
) -> None:
    from tests.ai.conftest import ai_settings

    fake, address = gemini
    captain = await create_user(session)
    team = await create_team(session, captain=captain, name="Северные")
    fake.reply(answer_stream("Тренировка ", "в среду ", "в 19:00."))
    gql = configure(ai=ai_settings(address))
    app = gql.client._transport.app  # the configured app behind the GQL client
    variables = {"input": {"teamId": str(team.id), "question": "Когда тренировка?"}}
    await session.flush()

    async with connect_in_process(app) as ws:
        await ws.init({"authorization": f"Bearer {token_for(dev_issuer, captain)}"})
        operation = await ws.subscribe(ASK, variables)
        parts = [(await ws.next_payload(operation))["payload"]["data"] for _ in range(4)]

    chunks = [p["askTeamAssistant"] for p in parts]
    assert [c["text"] for c in chunks] == ["Тренировка ", "в среду ", "в 19:00.", ""]
    assert [c["done"] for c in chunks] == [False, False, False, True]
    [sent] = fake.calls("streamGenerateContent")
    assert "Когда тренировка?" in sent.text
    assert "Северные" in sent.text
    audit = (await session.scalars(select(AiCall))).one()
    assert (audit.flow, audit.outcome, audit.tokens_out) == ("askTeamAssistant", CallOutcome.OK, 20)


async def test_a_tool_call_runs_between_streams(
    configure: Any,
    gemini: tuple[FakeGemini, str],
    session: AsyncSession,
    dev_issuer: Any,
    clock: TestClock,
) -> None:
    from tests.ai.conftest import ai_settings

    fake, address = gemini
    captain = await create_user(session)
    wolves = await create_team(session, captain=captain, name="Волки")
    sport = await session.get_one(Sport, wolves.sport_id)
    bears = await create_team(session, sport=sport, name="Медведи")
    saturday = clock.now() + timedelta(days=2)
    await create_match(session, home=wolves, away=bears, scheduled_at=saturday)
    fake.reply(
        answer_call("teamSchedule", {"team_id": str(wolves.id)}),
        answer_stream("В субботу ", "с Медведями."),
    )
    app = configure(ai=ai_settings(address)).client._transport.app
    variables = {"input": {"teamId": str(wolves.id), "question": "Когда играем?"}}
    await session.flush()

    async with connect_in_process(app) as ws:
        await ws.init({"authorization": f"Bearer {token_for(dev_issuer, captain)}"})
        operation = await ws.subscribe(ASK, variables)
        parts = [(await ws.next_payload(operation))["payload"]["data"] for _ in range(3)]

    assert [p["askTeamAssistant"]["text"] for p in parts] == ["В субботу ", "с Медведями.", ""]
    first, second = fake.calls("streamGenerateContent")
    tools = {t["name"] for t in first.body["tools"][0]["functionDeclarations"]}
    assert {"teamSchedule", "teamMatchHistory"} <= tools
    [schedule] = function_responses(second)
    assert [m["opponent"] for m in schedule["response"]["upcoming"]] == ["Медведи"]
    audit = (await session.scalars(select(AiCall))).one()
    assert (audit.outcome, audit.tokens_in, audit.tokens_out) == (CallOutcome.OK, 200, 40)
