"""Team flows read as the caller: tools cannot reach another team's private data."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.users.models import User
from tests.ai.fake_gemini import FakeGemini, answer_call, answer_json
from tests.factories import create_application, create_team, create_user

SUMMARIZE = """
mutation($input: SummarizeTeamActivityInput!) {
  summarizeTeamActivity(input: $input) {
    __typename ... on SummarizeTeamActivityPayload { output { summary suggestions } }
  }
}
"""
ANALYZE = """
mutation($input: AnalyzeJoinRequestInput!) {
  analyzeJoinRequest(input: $input) {
    __typename
    ... on AnalyzeJoinRequestPayload { output { recommendation reasoning confidence } }
  }
}
"""
SUMMARY = {"summary": "Команда в форме", "suggestions": ["Больше тренировок", "Найти вратаря"]}
SECRET = "Секретное сообщение чужой заявки"


def function_responses(sent: Any) -> list[dict[str, Any]]:
    return [
        part["functionResponse"]
        for content in sent.body["contents"]
        for part in content["parts"]
        if "functionResponse" in part
    ]


async def test_a_tool_cannot_read_another_teams_applications(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    captain = await create_user(session)
    mine = await create_team(session, captain=captain)
    other = await create_team(session)
    await create_application(session, team=other, message=SECRET)
    await create_application(session, team=mine, message="Хочу к вам")
    fake.reply(
        answer_call("teamPendingApplications", {"team_id": str(other.id)}),
        answer_call("teamPendingApplications", {"team_id": str(mine.id)}),
        answer_json(SUMMARY),
    )

    response = await ai_gql(SUMMARIZE, {"input": {"teamId": str(mine.id)}}, as_user=captain)

    assert response.data["summarizeTeamActivity"]["output"] == SUMMARY
    first, second, last = fake.calls()
    tools = first.body["tools"][0]["functionDeclarations"]
    assert {t["name"] for t in tools} == {"teamPendingApplications", "teamRoster"}
    assert function_responses(second) == [
        {"name": "teamPendingApplications", "response": {"error": "FORBIDDEN"}}
    ]
    [refused, own] = function_responses(last)
    assert refused["response"] == {"error": "FORBIDDEN"}
    assert [a["message"] for a in own["response"]["applications"]] == ["Хочу к вам"]
    assert SECRET not in json.dumps([r.body for r in fake.requests], ensure_ascii=False)


async def test_only_members_get_the_team_summary(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    team = await create_team(session)
    stranger = await create_user(session)

    response = await ai_gql(SUMMARIZE, {"input": {"teamId": str(team.id)}}, as_user=stranger)

    assert response.error_codes == ["FORBIDDEN"]
    assert fake.requests == []


async def test_the_captain_gets_advice_on_an_application(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    captain = await create_user(session)
    team = await create_team(session, captain=captain, name="Дворовые волки")
    application = await create_application(session, team=team, message="Играю в защите")
    advice = {"recommendation": "ACCEPT", "reasoning": "Нужен защитник", "confidence": "HIGH"}
    fake.reply(answer_json(advice))

    response = await ai_gql(
        ANALYZE, {"input": {"applicationId": str(application.id)}}, as_user=captain
    )

    assert response.data["analyzeJoinRequest"]["output"] == advice
    [sent] = fake.calls()
    assert "Играю в защите" in sent.text
    assert "Дворовые волки" in sent.text


async def test_nobody_else_gets_advice_on_an_application(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    application = await create_application(session, team=await create_team(session))
    applicant = await session.get_one(User, application.user_id)

    stranger = await ai_gql(
        ANALYZE,
        {"input": {"applicationId": str(application.id)}},
        as_user=await create_user(session),
    )
    own = await ai_gql(
        ANALYZE, {"input": {"applicationId": str(application.id)}}, as_user=applicant
    )

    assert stranger.data["analyzeJoinRequest"]["__typename"] == "NotFound"
    assert own.error_codes == ["FORBIDDEN"]
    assert fake.requests == []
