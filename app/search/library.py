"""The FAQ and the rules library: staff edit them, everyone signed in reads the published."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.principal import Principal
from app.errors import AccessDeniedError, FieldCode, NotFoundError
from app.events import emit
from app.search.events import FaqItemDeleted, FaqItemSaved, RulesDocumentDeleted, RulesDocumentSaved
from app.search.models import FaqItem, RulesDocument
from app.search.repository import FaqRepository, RulesRepository
from app.sports import service as sports
from app.validation import Validator

SLUG = re.compile(r"[a-z0-9][a-z0-9\-]{1,79}")


@dataclass(frozen=True)
class FaqFields:
    slug: str
    category: str
    question: str
    answer: str
    published: bool = True
    position: int = 0


@dataclass(frozen=True)
class RulesFields:
    slug: str
    sport_code: str
    title: str
    body: str
    published: bool = True


def _require_staff(actor: Principal) -> None:
    if not actor.is_staff:
        raise AccessDeniedError("Справку и правила редактируют только модераторы")


async def list_faq(session: AsyncSession, viewer: Principal) -> list[FaqItem]:
    return await FaqRepository(session).listing(published_only=not viewer.is_staff)


async def list_rules(session: AsyncSession, viewer: Principal) -> list[RulesDocument]:
    return await RulesRepository(session).listing(published_only=not viewer.is_staff)


async def save_faq_item(
    session: AsyncSession,
    actor: Principal,
    item_id: uuid.UUID | None,
    fields: FaqFields,
    *,
    now: datetime,
) -> FaqItem:
    _require_staff(actor)
    repo = FaqRepository(session)
    item = await repo.get(item_id, lock=True) if item_id else FaqItem(created_at=now)
    if item is None:
        raise NotFoundError()
    v = Validator("input.")
    slug = _slug(v, fields.slug)
    category = v.text("category", fields.category, min_len=2, max_len=60, required=True)
    question = v.text("question", fields.question, min_len=5, max_len=300, required=True)
    answer = v.text("answer", fields.answer, min_len=10, max_len=5000, required=True)
    if v.ok("slug") and slug is not None:
        other = await repo.by_slug(slug)
        if other is not None and other.id != item.id:
            v.add("slug", FieldCode.DUPLICATE, "Такой адрес уже занят")
    v.raise_if_any()
    created = item_id is None
    item.slug, item.category = str(slug), str(category)
    item.question, item.answer = str(question), str(answer)
    item.published, item.position, item.updated_at = fields.published, fields.position, now
    session.add(item)
    await session.flush()
    emit(session, FaqItemSaved(faq_item_id=item.id, created=created), actor_id=actor.user_id)
    return item


async def delete_faq_item(session: AsyncSession, actor: Principal, item_id: uuid.UUID) -> uuid.UUID:
    _require_staff(actor)
    item = await FaqRepository(session).get(item_id, lock=True)
    if item is None:
        raise NotFoundError()
    await session.delete(item)
    await session.flush()
    emit(session, FaqItemDeleted(faq_item_id=item_id), actor_id=actor.user_id)
    return item_id


async def save_rules_document(
    session: AsyncSession,
    actor: Principal,
    document_id: uuid.UUID | None,
    fields: RulesFields,
    *,
    now: datetime,
) -> RulesDocument:
    _require_staff(actor)
    repo = RulesRepository(session)
    document = (
        await repo.get(document_id, lock=True) if document_id else RulesDocument(created_at=now)
    )
    if document is None:
        raise NotFoundError()
    v = Validator("input.")
    slug = _slug(v, fields.slug)
    title = v.text("title", fields.title, min_len=3, max_len=200, required=True)
    body = v.text("body", fields.body, min_len=20, max_len=50_000, required=True)
    if await sports.get_sport_by_code(session, fields.sport_code.strip()) is None:
        v.add("sportCode", FieldCode.NOT_FOUND, "Нет такого вида спорта")
    if v.ok("slug") and slug is not None:
        other = await repo.by_slug(slug)
        if other is not None and other.id != document.id:
            v.add("slug", FieldCode.DUPLICATE, "Такой адрес уже занят")
    v.raise_if_any()
    created = document_id is None
    document.slug, document.sport_code = str(slug), fields.sport_code.strip()
    document.title, document.body = str(title), str(body)
    document.published, document.updated_at = fields.published, now
    session.add(document)
    await session.flush()
    event = RulesDocumentSaved(rules_document_id=document.id, created=created)
    emit(session, event, actor_id=actor.user_id)
    return document


async def delete_rules_document(
    session: AsyncSession, actor: Principal, document_id: uuid.UUID
) -> uuid.UUID:
    _require_staff(actor)
    document = await RulesRepository(session).get(document_id, lock=True)
    if document is None:
        raise NotFoundError()
    await session.delete(document)
    await session.flush()
    emit(session, RulesDocumentDeleted(rules_document_id=document_id), actor_id=actor.user_id)
    return document_id


def _slug(v: Validator, value: str) -> str | None:
    slug = v.text("slug", value, min_len=2, max_len=80, required=True)
    slug = slug.lower() if slug else None
    v.pattern("slug", slug, SLUG, "Только латинские буквы, цифры и дефис")
    return slug
