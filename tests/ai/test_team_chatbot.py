"""The team chatbot: ``@ai`` in a team chat is answered there by the ``ai`` worker, once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, select

from app.ai.models import AiCall, AiUsageDay, CallOutcome
from app.ai.quota import today
from app.auth.dev_issuer import DevIssuer
from app.chat.models import ChatMember
from app.container import Container
from app.db import Database
from app.events.processor import Outcome
from app.settings import Settings
from tests.ai.chat_support import ai_worker, chat_messages, posted, send, team_chat, texts
from tests.ai.conftest import ai_settings
from tests.ai.fake_gemini import FakeGemini, answer_json
from tests.chat.live import live_chat
from tests.events.support import event_settings
from tests.fixtures.app import TestClock, make_container
from tests.fixtures.configured import configured_settings
from tests.fixtures.live import LiveServer

MESSAGES = """
subscription Messages($chatId: ID!) {
  chatMessageAdded(chatId: $chatId) { id text fromAssistant author { id } replyTo { id } }
}
"""


def ai_config(settings: Settings, address: str) -> Settings:
    return configured_settings(event_settings(settings, None), ai=ai_settings(address))


@pytest.fixture
async def container(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    gemini: tuple[FakeGemini, str],
) -> AsyncIterator[Container]:
    container = make_container(
        ai_config(settings, gemini[1]), committed_database, dev_issuer, clock
    )
    yield container
    await container.ai_runtime().aclose()


async def test_a_mention_is_answered_live_in_the_team_chat(
    settings: Settings,
    committed_database: Database,
    dev_issuer: DevIssuer,
    clock: TestClock,
    live_server: LiveServer,
    gemini: tuple[FakeGemini, str],
) -> None:
    fake, address = gemini
    fake.reply(answer_json({"answer": "Вас двое: капитан и игрок."}))
    async with committed_database.transaction() as session:
        chat, (alice, boris) = await team_chat(session)
    config = ai_config(settings, address)

    async with (
        live_chat(config, committed_database, dev_issuer, clock, live_server) as live,
        live.socket(boris) as ws,
    ):
        operation = await live.subscribed(ws, MESSAGES, chatId=str(chat.id))
        asked = await live.send(alice, chat.id, "@ai кто у нас в составе?")
        question = await ws.next_payload(operation)
        answer = await ws.next_payload(operation)

    assert question["payload"]["data"]["chatMessageAdded"] == {
        "id": asked,
        "text": "@ai кто у нас в составе?",
        "fromAssistant": False,
        "author": {"id": str(alice.id)},
        "replyTo": None,
    }
    rows = await chat_messages(committed_database, chat)
    assert texts(rows) == [
        (alice.id, "@ai кто у нас в составе?", None),
        (None, "Вас двое: капитан и игрок.", 1),
    ]
    assert answer["payload"]["data"]["chatMessageAdded"] == {
        "id": str(rows[1].id),
        "text": "Вас двое: капитан и игрок.",
        "fromAssistant": True,
        "author": None,
        "replyTo": {"id": asked},
    }
    [sent] = fake.calls()
    assert "Дворовые волки" in sent.text
    async with committed_database.session() as session:
        audit = (await session.scalars(select(AiCall))).one()
    assert (audit.user_id, audit.flow, audit.outcome) == (
        alice.id,
        "answerTeamChatMention",
        CallOutcome.OK,
    )


async def test_a_redelivered_mention_is_answered_once(
    committed_database: Database, container: Container, fake: FakeGemini
) -> None:
    async with committed_database.transaction() as session:
        chat, (alice, _) = await team_chat(session)
    asked = await send(committed_database, chat, alice, "@AI когда играем?")
    fake.reply(answer_json({"answer": "Расписания матчей у меня нет."}))
    envelope = await posted(committed_database, asked.id)

    first = await ai_worker(committed_database, container).process(envelope)
    second = await ai_worker(committed_database, container).process(envelope)

    assert (first, second) == (Outcome.HANDLED, Outcome.DUPLICATE)
    rows = await chat_messages(committed_database, chat)
    assert texts(rows) == [
        (alice.id, "@AI когда играем?", None),
        (None, "Расписания матчей у меня нет.", 1),
    ]
    assert len(fake.calls()) == 1


async def test_the_assistant_never_answers_its_own_message(
    committed_database: Database, container: Container, fake: FakeGemini
) -> None:
    async with committed_database.transaction() as session:
        chat, (alice, _) = await team_chat(session)
    asked = await send(committed_database, chat, alice, "@ai привет")
    fake.reply(answer_json({"answer": "Привет! Я @ai, спрашивайте."}))
    await ai_worker(committed_database, container).process(
        await posted(committed_database, asked.id)
    )
    [_, answer] = await chat_messages(committed_database, chat)

    outcome = await ai_worker(committed_database, container).process(
        await posted(committed_database, answer.id)
    )

    assert outcome == Outcome.HANDLED
    assert len(await chat_messages(committed_database, chat)) == 2
    assert len(fake.calls()) == 1


async def test_racing_workers_post_one_answer(
    committed_database: Database, container: Container, fake: FakeGemini
) -> None:
    async with committed_database.transaction() as session:
        chat, (alice, _) = await team_chat(session)
    asked = await send(committed_database, chat, alice, "@ai кто капитан?")
    fake.reply(answer_json({"answer": "Капитан — Алиса."}), answer_json({"answer": "Алиса."}))
    envelope = await posted(committed_database, asked.id)
    racing = [ai_worker(committed_database, container, name) for name in ("ai-a", "ai-b")]

    outcomes = await asyncio.gather(*(worker.process(envelope) for worker in racing))

    assert outcomes == [Outcome.HANDLED, Outcome.HANDLED]
    [question, answer] = await chat_messages(committed_database, chat)
    assert (answer.sender_id, answer.reply_to_seq) == (None, question.seq)


@pytest.mark.parametrize(
    "text",
    ["Кто идёт в субботу?", "Пишите на vasya@ai.ru", "@aim не тот адрес", "Спроси @ai потом"],
)
async def test_messages_without_a_mention_are_left_alone(
    committed_database: Database, container: Container, fake: FakeGemini, text: str
) -> None:
    async with committed_database.transaction() as session:
        chat, (alice, _) = await team_chat(session)
    asked = await send(committed_database, chat, alice, text)

    outcome = await ai_worker(committed_database, container).process(
        await posted(committed_database, asked.id)
    )

    assert outcome == Outcome.HANDLED
    assert len(await chat_messages(committed_database, chat)) == 1
    assert fake.requests == []


async def test_a_member_who_left_gets_no_answer(
    committed_database: Database, container: Container, fake: FakeGemini
) -> None:
    async with committed_database.transaction() as session:
        chat, (_, boris) = await team_chat(session)
    asked = await send(committed_database, chat, boris, "@ai что нового в команде?")
    async with committed_database.transaction() as session:
        await session.execute(
            delete(ChatMember).where(ChatMember.chat_id == chat.id, ChatMember.user_id == boris.id)
        )

    await ai_worker(committed_database, container).process(
        await posted(committed_database, asked.id)
    )

    assert len(await chat_messages(committed_database, chat)) == 1
    assert fake.requests == []


async def test_a_spent_quota_posts_nothing(
    committed_database: Database, container: Container, fake: FakeGemini, clock: TestClock
) -> None:
    async with committed_database.transaction() as session:
        chat, (alice, _) = await team_chat(session)
        session.add(AiUsageDay(user_id=alice.id, day=today(clock.now()), tokens=100_000))
    asked = await send(committed_database, chat, alice, "@ai подскажи состав")

    outcome = await ai_worker(committed_database, container).process(
        await posted(committed_database, asked.id)
    )

    assert outcome == Outcome.HANDLED
    assert len(await chat_messages(committed_database, chat)) == 1
    assert fake.requests == []
    async with committed_database.session() as session:
        audit = (await session.scalars(select(AiCall))).one()
    assert (audit.user_id, audit.outcome) == (alice.id, CallOutcome.QUOTA_EXCEEDED)
