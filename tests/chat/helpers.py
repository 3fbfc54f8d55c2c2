"""What the chat tests look at: the chat tables and the chat events in the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.chat.models import Chat, ChatMember, ChatMessage
from app.events import Event
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope

TABLES = (Chat, ChatMember, ChatMessage)


async def snapshot(session: AsyncSession) -> dict[str, Any]:
    """Every row of the chat tables and the outbox, to prove that nothing changed."""
    state: dict[str, Any] = {}
    for model in TABLES:
        rows = (await session.execute(select(*model.__table__.columns))).all()
        state[model.__tablename__] = sorted(tuple(map(str, row)) for row in rows)
    state["outbox"] = (await session.scalars(select(OutboxEvent.type))).all()
    return state


async def chat_events(session: AsyncSession) -> list[Event]:
    await session.flush()
    stmt = select(OutboxEvent).where(OutboxEvent.type.startswith("chat.")).order_by(OutboxEvent.seq)
    return [to_envelope(row).event() for row in (await session.scalars(stmt)).all()]


async def messages_of(session: AsyncSession, chat: Chat) -> list[ChatMessage]:
    stmt = select(ChatMessage).where(ChatMessage.chat_id == chat.id).order_by(ChatMessage.seq)
    return list((await session.scalars(stmt.execution_options(populate_existing=True))).all())


async def read_position(session: AsyncSession, chat: Chat, user: Any) -> int:
    member = await session.get(ChatMember, (chat.id, user.id), populate_existing=True)
    assert member is not None
    return member.last_read_seq


async def fresh(session: AsyncSession, model: type[Any], key: Any) -> Any:
    return await session.get(model, key, populate_existing=True)
