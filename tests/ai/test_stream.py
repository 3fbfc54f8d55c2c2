"""askTeamAssistant streams the text as it is generated, over a WebSocket."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall, CallOutcome
from tests.ai.fake_gemini import FakeGemini, answer_stream
from tests.factories import create_team, create_user
from tests.fixtures.app import token_for
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
