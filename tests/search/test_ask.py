"""The FAQ bot and the rules expert: retrieve, answer with checked citations, or decline."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.models import AiCall, CallOutcome
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.factories import create_faq_item, create_rules_document, create_sport, create_user
from tests.search.support import index_everything

ASK_SUPPORT = """
mutation($input: AskSupportInput!) {
  askSupport(input: $input) {
    __typename
    ... on AskSupportPayload { output { answered answer citations { sourceId title } } }
  }
}
"""
ASK_RULES = """
mutation($input: AskRulesExpertInput!) {
  askRulesExpert(input: $input) {
    __typename
    ... on AskRulesExpertPayload { output { answered answer citations { sourceId title } } }
  }
}
"""


def passages(fake: FakeGemini) -> list[dict[str, Any]]:
    [call] = fake.calls()
    text = call.body["contents"][0]["parts"][0]["text"]
    data = text.removeprefix("<data>\n").removesuffix("\n</data>")
    return list(json.loads(data)["passages"])


async def test_the_faq_bot_cites_the_items_it_used_and_only_those(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    create = await create_faq_item(
        session,
        question="Как создать команду?",
        answer="Нажмите «Создать команду», укажите название, вид спорта и город.",
    )
    await create_faq_item(
        session, question="Как оставить отзыв?", answer="Поставьте оценку на странице площадки."
    )
    await index_everything(session, None, "FAQ")
    invented = "00000000-0000-0000-0000-000000000001"
    fake.reply(
        answer_json(
            {
                "answered": True,
                "answer": "Нажмите «Создать команду» и заполните форму.",
                "citations": [
                    {"source_id": str(create.id), "title": "Подправленный моделью"},
                    {"source_id": invented, "title": "Несуществующая статья"},
                ],
            }
        )
    )

    response = await ai_gql(
        ASK_SUPPORT, {"input": {"question": "как создать каманду"}}, as_user=user
    )

    assert response.data["askSupport"] == {
        "__typename": "AskSupportPayload",
        "output": {
            "answered": True,
            "answer": "Нажмите «Создать команду» и заполните форму.",
            "citations": [{"sourceId": str(create.id), "title": "Как создать команду?"}],
        },
    }
    assert [p["id"] for p in passages(fake)] == [str(create.id)]
    audit = (await session.scalars(select(AiCall))).one()
    assert (audit.flow, audit.user_id, audit.outcome) == ("askSupport", user.id, CallOutcome.OK)


async def test_the_faq_bot_declines_an_out_of_scope_question_without_the_model(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    await create_faq_item(session, question="Как создать команду?")
    await index_everything(session, None, "FAQ")

    response = await ai_gql(
        ASK_SUPPORT, {"input": {"question": "Как приготовить борщ?"}}, as_user=user
    )

    output = response.data["askSupport"]["output"]
    assert (output["answered"], output["citations"]) == (False, [])
    assert output["answer"].startswith("В справке нет ответа")
    assert fake.calls() == []
    audit = (await session.scalars(select(AiCall))).one()
    assert (audit.flow, audit.tokens_in, audit.tokens_out) == ("askSupport", 0, 0)


async def test_an_answer_that_cites_nothing_it_was_shown_is_a_refusal(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    await create_faq_item(session, question="Как вступить в команду?")
    await index_everything(session, None, "FAQ")
    fake.reply(answer_json({"answered": True, "answer": "Выдумка.", "citations": []}))

    response = await ai_gql(
        ASK_SUPPORT, {"input": {"question": "как вступить в команду"}}, as_user=user
    )

    output = response.data["askSupport"]["output"]
    assert (output["answered"], output["citations"]) == (False, [])
    assert len(fake.calls()) == 1


async def test_the_rules_expert_reads_only_the_asked_sports_rules(
    ai_gql: Any, fake: FakeGemini, session: AsyncSession
) -> None:
    user = await create_user(session)
    basketball = await create_sport(session, code="test-basketball")
    streetball = await create_sport(session, code="test-streetball", parent=basketball)
    football = await create_sport(session, code="test-football")
    streetball_rules = await create_rules_document(
        session,
        sport_code=streetball.code,
        title="Стритбол 3×3",
        body="Игра идёт до 21 очка; бросок из-за дуги приносит 2 очка.",
    )
    await create_rules_document(
        session,
        sport_code=football.code,
        title="Уличный футбол",
        body="Игра идёт два тайма; гол из-за центра поля приносит 1 очко.",
    )
    await index_everything(session, None, "RULES")
    fake.reply(
        answer_json(
            {
                "answered": True,
                "answer": "Два очка.",
                "citations": [{"source_id": str(streetball_rules.id), "title": "x"}],
            }
        )
    )

    response = await ai_gql(
        ASK_RULES,
        {"input": {"question": "Сколько очков приносит бросок?", "sportId": str(basketball.id)}},
        as_user=user,
    )

    assert response.data["askRulesExpert"]["output"]["citations"] == [
        {"sourceId": str(streetball_rules.id), "title": "Стритбол 3×3"}
    ]
    assert [p["title"] for p in passages(fake)] == ["Стритбол 3×3"]
