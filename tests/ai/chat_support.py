"""Team chats for the chatbot tests, and the ``ai`` worker fed by hand from the outbox."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.ai.handlers import AI
from app.auth.principal import Principal
from app.auth.roles import parse_roles
from app.chat import messages
from app.chat.models import Chat, ChatKind, ChatMessage
from app.clock import SystemClock
from app.container import Container
from app.db import Database
from app.events.envelope import Envelope
from app.events.models import OutboxEvent
from app.events.outbox import to_envelope
from app.events.processor import EventProcessor
from app.events.worker import Worker
from app.settings import EventsSettings
from app.teams.models import TeamRole
from app.users.models import User
from tests.factories import add_member, create_chat, create_team, create_user

NAMES = ("Алиса", "Борис", "Вера")


async def team_chat(session: AsyncSession, members: int = 2) -> tuple[Chat, list[User]]:
    """A team of ``members`` (the captain, Алиса, first) and its chat."""
    people = [await create_user(session, display_name=name) for name in NAMES[:members]]
    team = await create_team(session, captain=people[0], name="Дворовые волки")
    for person in people[1:]:
        await add_member(session, team=team, user=person, role=TeamRole.PLAYER)
    chat = await create_chat(session, members=people, kind=ChatKind.TEAM, subject_id=team.id)
    return chat, people


def principal(user: User) -> Principal:
    return Principal(user_id=user.id, subject=user.subject, roles=parse_roles(user.roles))


async def send(db: Database, chat: Chat, user: User, text: str) -> ChatMessage:
    """``sendChatMessage`` as the service does it, committed (its event is in the outbox)."""
    async with db.transaction() as session:
        draft = messages.Draft(text=text, client_message_id=uuid.uuid4().hex)
        target = messages.Target(chat_id=chat.id)
        return await messages.send_message(
            session, principal(user), target, draft, now=SystemClock().now()
        )


async def posted(db: Database, message_id: uuid.UUID) -> Envelope:
    async with db.session() as session:
        rows = (
            await session.scalars(
                select(OutboxEvent).where(OutboxEvent.type == "chat.message_posted")
            )
        ).all()
    [row] = [row for row in rows if row.payload["message_id"] == str(message_id)]
    return to_envelope(row)


def ai_worker(db: Database, container: Container, name: str = "ai") -> EventProcessor:
    """The ``ai`` worker as its consumer runs it (one transaction, ``processed_events``)."""
    worker = Worker(name, AI.handlers)
    return EventProcessor(worker, db, EventsSettings(), clock=SystemClock(), services=container)


async def chat_messages(db: Database, chat: Chat) -> list[ChatMessage]:
    async with db.session() as session:
        stmt = select(ChatMessage).where(ChatMessage.chat_id == chat.id).order_by(ChatMessage.seq)
        return list((await session.scalars(stmt)).all())


def texts(rows: list[ChatMessage]) -> list[tuple[Any, str | None, int | None]]:
    """(sender, text, replied-to number) of each message."""
    return [(m.sender_id, m.text, m.reply_to_seq) for m in rows]
