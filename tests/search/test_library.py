"""Staff edit the FAQ and the rules library; every change reaches the indexer as an event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.roles import Role
from app.events.models import OutboxEvent
from app.search.models import FaqItem, RulesDocument
from tests.factories import create_faq_item, create_rules_document, create_sport, create_user

SAVE_FAQ = """
mutation($input: SaveFaqItemInput!) {
  saveFaqItem(input: $input) {
    __typename
    ... on SaveFaqItemPayload { faqItem { id slug category question answer published } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""
DELETE_FAQ = """
mutation($input: DeleteFaqItemInput!) {
  deleteFaqItem(input: $input) { __typename ... on DeleteFaqItemPayload { deletedId } }
}
"""
SAVE_RULES = """
mutation($input: SaveRulesDocumentInput!) {
  saveRulesDocument(input: $input) {
    __typename
    ... on SaveRulesDocumentPayload { rulesDocument { id slug sportCode title } }
    ... on ValidationFailed { fields { path code } }
  }
}
"""
ITEM = {
    "slug": "pay-fee",
    "category": "Турниры",
    "question": "Как оплатить взнос?",
    "answer": "Взнос списывается в PD при подаче заявки.",
}


async def events(session: AsyncSession) -> list[tuple[str, str]]:
    rows = (await session.scalars(select(OutboxEvent).order_by(OutboxEvent.seq))).all()
    return [(row.type, row.key) for row in rows if row.type.startswith("search.")]


async def test_a_moderator_creates_edits_and_deletes_a_faq_item(
    gql: Any, session: AsyncSession
) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])

    created = await gql(SAVE_FAQ, {"input": {"item": ITEM}}, as_user=moderator)
    item_id = created.data["saveFaqItem"]["faqItem"]["id"]
    edited = await gql(
        SAVE_FAQ,
        {"input": {"id": item_id, "item": {**ITEM, "published": False}}},
        as_user=moderator,
    )
    deleted = await gql(DELETE_FAQ, {"input": {"id": item_id}}, as_user=moderator)

    assert created.data["saveFaqItem"]["faqItem"] == {"id": item_id, **ITEM, "published": True}
    assert edited.data["saveFaqItem"]["faqItem"]["published"] is False
    assert deleted.data["deleteFaqItem"] == {
        "__typename": "DeleteFaqItemPayload",
        "deletedId": item_id,
    }
    assert await session.scalar(select(func.count()).select_from(FaqItem)) == 0
    assert await events(session) == [
        ("search.faq_item_saved", item_id),
        ("search.faq_item_saved", item_id),
        ("search.faq_item_deleted", item_id),
    ]


async def test_invalid_or_duplicate_faq_items_are_refused_and_nothing_changes(
    gql: Any, session: AsyncSession
) -> None:
    moderator = await create_user(session, roles=[Role.MODERATOR])
    existing = await create_faq_item(session)
    bad = {**ITEM, "slug": existing.slug, "question": "Ну", "answer": ""}

    response = await gql(SAVE_FAQ, {"input": {"item": bad}}, as_user=moderator)

    assert response.data["saveFaqItem"] == {
        "__typename": "ValidationFailed",
        "fields": [
            {"path": "input.question", "code": "TOO_SHORT"},
            {"path": "input.answer", "code": "REQUIRED"},
            {"path": "input.slug", "code": "DUPLICATE"},
        ],
    }
    assert await session.scalar(select(func.count()).select_from(FaqItem)) == 1
    assert await events(session) == []


async def test_a_player_may_not_edit_the_faq(gql: Any, session: AsyncSession) -> None:
    player = await create_user(session)
    item = await create_faq_item(session)

    response = await gql(DELETE_FAQ, {"input": {"id": str(item.id)}}, as_user=player)

    assert response.error_codes == ["FORBIDDEN"]
    assert await session.get(FaqItem, item.id) is not None


async def test_rules_need_a_known_sport(gql: Any, session: AsyncSession) -> None:
    moderator = await create_user(session, roles=[Role.ADMINISTRATOR])
    sport = await create_sport(session, code="test-volleyball")
    document = await create_rules_document(session, sport_code=sport.code)
    body = "Партия идёт до 25 очков с разницей в два очка."
    fields = {"slug": document.slug, "title": "Волейбол", "body": body}

    unknown = await gql(
        SAVE_RULES,
        {"input": {"id": str(document.id), "document": {**fields, "sportCode": "nope"}}},
        as_user=moderator,
    )
    known = await gql(
        SAVE_RULES,
        {"input": {"id": str(document.id), "document": {**fields, "sportCode": sport.code}}},
        as_user=moderator,
    )

    assert unknown.data["saveRulesDocument"]["fields"] == [
        {"path": "input.sportCode", "code": "NOT_FOUND"}
    ]
    assert known.data["saveRulesDocument"]["rulesDocument"] == {
        "id": str(document.id),
        "slug": document.slug,
        "sportCode": sport.code,
        "title": "Волейбол",
    }
    stored = await session.get_one(RulesDocument, document.id)
    assert (stored.title, stored.body) == ("Волейбол", body)


async def test_players_see_published_faq_items_only(gql: Any, session: AsyncSession) -> None:
    player = await create_user(session)
    moderator = await create_user(session, roles=[Role.MODERATOR])
    shown = await create_faq_item(session, question="Видимый вопрос?")
    await create_faq_item(session, question="Черновик?", published=False)
    query = "{ faqItems { question } }"

    as_player = await gql(query, as_user=player)
    as_moderator = await gql(query, as_user=moderator)

    assert as_player.data["faqItems"] == [{"question": shown.question}]
    assert len(as_moderator.data["faqItems"]) == 2
