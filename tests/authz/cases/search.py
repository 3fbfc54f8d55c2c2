"""Search, the FAQ bot, the rules expert and the staff-edited FAQ and rules library.

The matrix app has no AI key: the two flows still answer (they decline) because nothing in
an empty library passes the relevance threshold, so no model call is needed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.search.models import FaqItem, RulesDocument
from tests.authz.matrix import Actor, Case, Cast, Outcome, everyone_signed_in
from tests.factories import create_faq_item, create_rules_document, create_sport

STAFF = {
    Actor.ANONYMOUS: Outcome.UNAUTHENTICATED,
    Actor.STRANGER: Outcome.FORBIDDEN,
    Actor.OWNER: Outcome.FORBIDDEN,
    Actor.MODERATOR: Outcome.ALLOWED,
}


async def query(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"query": "футбол"}


async def question(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"input": {"question": "Как приготовить борщ?"}}


async def new_faq_item(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    item = {"slug": "new-item", "category": "Общее", "question": "Новый вопрос?"}
    return {"input": {"item": {**item, "answer": "Подробный ответ на вопрос."}}}


async def faq_item(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"input": {"id": str((await create_faq_item(session)).id)}}


async def new_rules(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    sport = await create_sport(session)
    document = {"slug": "new-rules", "sportCode": sport.code, "title": "Блиц"}
    return {"input": {"document": {**document, "body": "Партия по пять минут на игрока."}}}


async def rules_document(session: AsyncSession, cast: Cast) -> dict[str, Any]:
    return {"input": {"id": str((await create_rules_document(session)).id)}}


async def library(session: AsyncSession, cast: Cast) -> object:
    faq = await session.scalar(select(func.count()).select_from(FaqItem))
    rules = await session.scalar(select(func.count()).select_from(RulesDocument))
    return faq, rules


def edit(name: str, input_type: str, arrange: Any) -> Case:
    document = f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ __typename }} }}"
    return Case(f"Mutation.{name}", document, STAFF, arrange, library)


CASES = [
    Case(
        "Query.search",
        "query($query: String!) { search(query: $query) { type title } }",
        everyone_signed_in(),
        query,
    ),
    Case("Query.faqItems", "{ faqItems { id question } }", everyone_signed_in()),
    Case("Query.rulesDocuments", "{ rulesDocuments { id title } }", everyone_signed_in()),
    Case(
        "Mutation.askSupport",
        "mutation($input: AskSupportInput!) { askSupport(input: $input) { __typename } }",
        everyone_signed_in(),
        question,
    ),
    Case(
        "Mutation.askRulesExpert",
        "mutation($input: AskRulesExpertInput!) { askRulesExpert(input: $input) { __typename } }",
        everyone_signed_in(),
        question,
    ),
    edit("saveFaqItem", "SaveFaqItemInput", new_faq_item),
    edit("deleteFaqItem", "DeleteFaqItemInput", faq_item),
    edit("saveRulesDocument", "SaveRulesDocumentInput", new_rules),
    edit("deleteRulesDocument", "DeleteRulesDocumentInput", rules_document),
]
