"""The FAQ and rules library's seed content, inserted once by slug (staff edits survive)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from app.db import utcnow
from app.events import emit
from app.search.content.faq import FAQ
from app.search.content.rules import RULES
from app.search.events import FaqItemSaved, RulesDocumentSaved
from app.search.models import FaqItem, RulesDocument
from app.search.repository import FaqRepository, RulesRepository


async def seed_library(session: AsyncSession) -> None:
    now = utcnow()
    faq, rules = FaqRepository(session), RulesRepository(session)
    for position, (slug, category, question, answer) in enumerate(FAQ):
        if await faq.by_slug(slug) is None:
            item = FaqItem(
                slug=slug,
                category=category,
                question=question,
                answer=answer,
                position=position,
                created_at=now,
                updated_at=now,
            )
            session.add(item)
            await session.flush()
            emit(session, FaqItemSaved(faq_item_id=item.id, created=True), actor_id=None)
    for slug, sport_code, title, body in RULES:
        if await rules.by_slug(slug) is None:
            document = RulesDocument(
                slug=slug,
                sport_code=sport_code,
                title=title,
                body=body,
                created_at=now,
                updated_at=now,
            )
            session.add(document)
            await session.flush()
            event = RulesDocumentSaved(rules_document_id=document.id, created=True)
            emit(session, event, actor_id=None)
