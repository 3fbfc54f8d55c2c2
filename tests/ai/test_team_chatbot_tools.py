"""The team chatbot's schedule and match history tools: the model asks, our data answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.matches.models import MatchStatus, ResultKind
from app.sports.models import Sport
from app.teams.models import Team
from tests.ai.chat_support import team_chat, texts
from tests.ai.fake_gemini import FakeGemini, answer_call, answer_json
from tests.ai.test_answer_team_chat_mention import ASK, ask
from tests.ai.test_team_flows import function_responses
from tests.chat.helpers import messages_of
from tests.factories import create_match, create_message, create_playground, create_team
from tests.fixtures.app import TestClock


async def rivals(session: AsyncSession, team: Team, name: str) -> Team:
    return await create_team(session, sport=await session.get_one(Sport, team.sport_id), name=name)


async def test_the_chatbot_reads_the_schedule_and_answers_with_it(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    chat, (alice, _) = await team_chat(session)
    wolves = await session.get_one(Team, chat.subject_id)
    bears = await rivals(session, wolves, "Медведи")
    place = await create_playground(session, name="Коробка у школы")
    saturday = clock.now() + timedelta(days=2)
    await create_match(session, home=bears, away=wolves, playground=place, scheduled_at=saturday)
    await create_match(
        session,
        home=wolves,
        away=bears,
        scheduled_at=saturday + timedelta(days=1),
        status=MatchStatus.CANCELLED,
    )
    question = await create_message(session, chat=chat, sender=alice, text="@ai когда играем?")
    fake.reply(
        answer_call("teamSchedule", {"team_id": str(wolves.id)}),
        answer_json({"answer": "В субботу с Медведями в Коробке у школы."}),
    )

    response = await ai_gql(ASK, ask(question), as_user=alice)

    assert response.data["answerTeamChatMention"]["output"] == {
        "answer": "В субботу с Медведями в Коробке у школы."
    }
    [schedule] = function_responses(fake.calls()[1])
    assert schedule["name"] == "teamSchedule"
    assert schedule["response"]["upcoming"] == [
        {
            "starts_at": saturday.isoformat(),
            "opponent": "Медведи",
            "home": False,
            "playground": "Коробка у школы",
            "status": "SCHEDULED",
            "tournament": False,
        }
    ]
    rows = await messages_of(session, chat)
    assert texts(rows)[-1] == (None, "В субботу с Медведями в Коробке у школы.", question.seq)


async def test_the_chatbot_reads_the_match_history(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession, clock: TestClock
) -> None:
    chat, (alice, _) = await team_chat(session)
    wolves = await session.get_one(Team, chat.subject_id)
    bears = await rivals(session, wolves, "Медведи")
    last_week = clock.now() - timedelta(days=7)
    await create_match(
        session,
        home=bears,
        away=wolves,
        scheduled_at=last_week,
        status=MatchStatus.CONFIRMED,
        home_score=1,
        away_score=4,
        winner_team_id=wolves.id,
        result_kind=ResultKind.AGREED,
    )
    question = await create_message(session, chat=chat, sender=alice, text="@ai как сыграли?")
    fake.reply(
        answer_call("teamMatchHistory", {"team_id": str(wolves.id)}),
        answer_json({"answer": "Обыграли Медведей 4:1."}),
    )

    response = await ai_gql(ASK, ask(question), as_user=alice)

    assert response.data["answerTeamChatMention"]["output"] == {"answer": "Обыграли Медведей 4:1."}
    [history] = function_responses(fake.calls()[1])
    assert history["response"]["matches"] == [
        {
            "date": last_week.date().isoformat(),
            "opponent": "Медведи",
            "home": False,
            "score": "4:1",
            "result": "WIN",
            "status": "CONFIRMED",
        }
    ]


async def test_a_tool_call_for_a_missing_team_answers_not_found(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    chat, (alice, _) = await team_chat(session)
    question = await create_message(session, chat=chat, sender=alice, text="@ai когда играем?")
    missing = "00000000-0000-0000-0000-000000000000"
    fake.reply(
        answer_call("teamSchedule", {"team_id": missing}),
        answer_json({"answer": "Не нашёл такую команду."}),
    )

    await ai_gql(ASK, ask(question), as_user=alice)

    assert function_responses(fake.calls()[1]) == [
        {"name": "teamSchedule", "response": {"error": "NOT_FOUND"}}
    ]
